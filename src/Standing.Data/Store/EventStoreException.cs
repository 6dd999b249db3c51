namespace Standing.Data.Store;

/// <summary>
/// The store could not be opened or used: not ours, from a newer version, cannot connect, … The
/// message is meant for the user as is; nothing stored was changed by the failed step.
/// </summary>
public sealed class EventStoreException : Exception
{
    public EventStoreException()
    {
    }

    public EventStoreException(string message)
        : base(message)
    {
    }

    public EventStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
