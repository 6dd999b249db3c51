namespace Standing.Data.Outbox;

/// <summary>A notice did not reach its sink; the message says where and why.</summary>
public sealed class SinkException(string message, Exception? inner = null) : Exception(message, inner);
