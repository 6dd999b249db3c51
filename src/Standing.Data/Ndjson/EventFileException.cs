namespace Standing.Data.Ndjson;

/// <summary>
/// A file of events (or of rejects) could not be read or written at all. The message is meant for
/// the user as is: <c>FILE: cannot read: reason</c>.
/// </summary>
public sealed class EventFileException : Exception
{
    public EventFileException()
    {
        File = string.Empty;
        Reason = string.Empty;
    }

    public EventFileException(string message)
        : base(message)
    {
        File = string.Empty;
        Reason = message;
    }

    public EventFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Reason = message;
    }

    private EventFileException(string file, string verb, string reason, Exception? inner)
        : base($"{file}: cannot {verb}: {reason}", inner)
    {
        File = file;
        Reason = reason;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>Why, in a few words (e.g. "no such file").</summary>
    public string Reason { get; }

    public static EventFileException CannotRead(string file, Exception cause) =>
        new(file, "read", Describe(file, cause), cause);

    public static EventFileException CannotWrite(string file, Exception cause) =>
        new(file, "write", Describe(file, cause), cause);

    private static string Describe(string file, Exception cause) => cause switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException when Directory.Exists(file) => "is a directory",
        UnauthorizedAccessException => "permission denied",
        _ => cause.Message,
    };
}
