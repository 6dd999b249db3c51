using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Standing.Server;

/// <summary>
/// The server's log on stdout: one JSON object a line, with the fields of the console's JSON format
/// (EventId, LogLevel, Category, Message, State, Exception). A record is formatted on the thread that logs
/// it and queued without a lock; one background thread writes what is queued, many lines per write. The
/// console logger's queue is a monitor that every request took and pulsed: under load its lock contention
/// cost more CPU than a standing read's evaluation.
/// </summary>
public sealed class JsonLinesLoggerProvider : ILoggerProvider
{
    /// <summary>Past this many lines not yet written (stdout blocked), a logging thread waits for the writer, as the console logger's full queue made it wait.</summary>
    public const int MaxQueued = 10_000;

    private readonly ConcurrentQueue<byte[]> _queued = new();
    private readonly Stream _output;
    private readonly Thread _writer;
    private int _count;
    private volatile bool _stopping;

    public JsonLinesLoggerProvider()
        : this(Console.OpenStandardOutput())
    {
    }

    /// <summary>Writes to <paramref name="output"/>, flushed after each batch; it is not closed.</summary>
    public JsonLinesLoggerProvider(Stream output)
    {
        _output = output;
        _writer = new Thread(Write) { IsBackground = true, Name = "standing log writer" };
        _writer.Start();
    }

    public ILogger CreateLogger(string categoryName) => new JsonLinesLogger(this, categoryName);

    /// <summary>Writes every line queued so far, then stops the writer.</summary>
    public void Dispose()
    {
        _stopping = true;
        _writer.Join(TimeSpan.FromSeconds(10));
    }

    private void Enqueue(byte[] line)
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _count) >= MaxQueued && !_stopping) spin.SpinOnce();
        _queued.Enqueue(line);
        Interlocked.Increment(ref _count);
    }

    private void Write()
    {
        while (true)
        {
            var stopping = _stopping; // read before draining: a line queued before the stop is written
            var wrote = false;
            while (_queued.TryDequeue(out var line))
            {
                Interlocked.Decrement(ref _count);
                try
                {
                    _output.Write(line);
                }
                catch (IOException)
                {
                    // stdout closed: the lines are dropped, the server goes on
                }
                wrote = true;
            }
            if (wrote)
            {
                try
                {
                    _output.Flush();
                }
                catch (IOException)
                {
                }
            }
            if (stopping) return;
            if (!wrote) Thread.Sleep(10); // idle: a line waits at most this long
        }
    }

    private sealed class JsonLinesLogger(JsonLinesLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            using var buffer = new MemoryStream(512);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("EventId", eventId.Id);
                json.WriteString("LogLevel", logLevel.ToString());
                json.WriteString("Category", category);
                json.WriteString("Message", formatter(state, exception));
                if (exception is not null) json.WriteString("Exception", exception.ToString());
                if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
                {
                    json.WriteStartObject("State");
                    foreach (var (key, value) in values) WriteValue(json, key, value);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            buffer.WriteByte((byte)'\n');
            provider.Enqueue(buffer.ToArray());
        }

        /// <summary>Numbers and booleans as such, anything else as its invariant text.</summary>
        private static void WriteValue(Utf8JsonWriter json, string key, object? value)
        {
            switch (value)
            {
                case null: json.WriteNull(key); break;
                case bool b: json.WriteBoolean(key, b); break;
                case int i: json.WriteNumber(key, i); break;
                case long l: json.WriteNumber(key, l); break;
                case double d when double.IsFinite(d): json.WriteNumber(key, d); break;
                case IFormattable f: json.WriteString(key, f.ToString(null, CultureInfo.InvariantCulture)); break;
                default: json.WriteString(key, value.ToString()); break;
            }
        }
    }
}
