using Standing.Data.Enforcement;

namespace Standing.Data.Outbox;

/// <summary>Somewhere notices go. Sending the same notice twice must be harmless (delivery is at least once).</summary>
public interface INoticeSink
{
    /// <summary>The sink's name in the delivery records, e.g. <c>folder:/var/notices</c>.</summary>
    string Name { get; }

    /// <summary>Sends one notice; throws <see cref="SinkException"/> when it did not arrive.</summary>
    Task SendAsync(StoredNotice notice, CancellationToken cancellationToken);
}
