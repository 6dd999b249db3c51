using Standing.Data.Enforcement;

namespace Standing.Data.Outbox;

/// <summary>
/// Writes each notice as <c>NOTICE-ID.json</c> in a folder (written to a temporary name, then moved,
/// so a reader never sees half a file; writing again replaces it with the same content).
/// </summary>
public sealed class FolderSink(string folder) : INoticeSink
{
    public string Name => "folder:" + Path.GetFullPath(folder);

    public static string FileName(string noticeId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(noticeId.Select(c => invalid.Contains(c) || c == '#' ? '_' : c).ToArray()) + ".json";
    }

    public async Task SendAsync(StoredNotice notice, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, FileName(notice.Id));
            var temp = path + ".tmp";
            await File.WriteAllTextAsync(temp, notice.Body + "\n", cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SinkException($"{folder}: cannot write the notice: {e.Message}", e);
        }
    }
}
