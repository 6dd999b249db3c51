using System.Text.Json;
using NodaTime;
using Standing.Data.Enforcement;
using Standing.Data.Outbox;
using Standing.Enforcement.Cases;

namespace Standing.Store.Tests.Enforcement;

/// <summary>
/// The outbox against SQLite and a real PostgreSQL, delivered to a real local HTTP server and to a
/// folder: at least once, with an idempotency key, retried with back-off, resumed after an outage.
/// </summary>
public abstract class OutboxContract : IDisposable
{
    private static readonly RetryOptions Quick = new(3, TimeSpan.FromMilliseconds(20));

    protected TempFolder Temp { get; } = new();

    protected abstract string NewTarget();

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A store holding three notices: a warning for each of three sellers.</summary>
    private EnforcementStore StoreWithNotices(out List<string> ids) => StoreWithNotices(out ids, out _);

    private EnforcementStore StoreWithNotices(out List<string> ids, out string target, int sellers = 3)
    {
        target = NewTarget();
        using (Standing.Data.Store.EventStore.Open(target, create: true))
        {
        }
        var store = EnforcementStore.Open(target);
        var books = new List<CaseBook>();
        var at = Instant.FromUtc(2026, 5, 1, 0, 0);
        foreach (var seller in Enumerable.Range(0, sellers).Select(i => "shop-" + (char)('a' + i)))
        {
            var book = new CaseBook(seller, "congocrea", []);
            var opened = book.Open(new EnforcementCase
            {
                Id = book.NewId(CaseKinds.Warning, at, DateTimeZone.Utc),
                Seller = seller,
                Policy = "congocrea",
                Kind = CaseKinds.Warning,
                State = CaseStates.Issued,
                OpenedAt = at,
                UpdatedAt = at,
            }, Actor.Rule("congocrea", "warning"), "test", []);
            book.Notify(opened, CaseKinds.Warning, "seller", "Customer service warning", ["line one", "ligne deux é"]);
            books.Add(book);
        }
        store.Save(books);
        ids = store.Notices().Select(n => n.Id).ToList();
        Assert.Equal(sellers, ids.Count);
        return store;
    }

    [Fact]
    public async Task A_webhook_that_is_down_loses_nothing_and_delivery_resumes_when_it_is_back()
    {
        using var store = StoreWithNotices(out var ids);
        var port = WebhookReceiver.FreePort();
        var sink = new WebhookSink(new Uri($"http://127.0.0.1:{port}/hooks/standing/"), new HttpClient { Timeout = TimeSpan.FromSeconds(5) });
        var delivery = new OutboxDelivery(store, SystemClock.Instance, Quick);

        var down = await delivery.DeliverAsync([sink]);
        Assert.Equal(0, down.Delivered);
        Assert.Single(down.Failures);
        var attempts = Assert.Single(store.Deliveries());
        Assert.Equal(3, attempts.Attempts); // the retries with back-off
        Assert.Null(attempts.DeliveredAt);
        Assert.Equal(3, store.Undelivered(sink.Name).Count);

        using var receiver = new WebhookReceiver(port);
        var up = await delivery.DeliverAsync([sink]);
        Assert.Equal(3, up.Delivered);
        Assert.Empty(up.Failures);
        Assert.Equal(ids, receiver.Received.Select(r => r.Key));
        foreach (var (key, body, contentType) in receiver.Received)
        {
            var json = JsonDocument.Parse(body).RootElement;
            Assert.Equal(key, json.GetProperty("id").GetString());
            Assert.Equal("ligne deux é", json.GetProperty("lines")[1].GetString());
            Assert.StartsWith("application/json", contentType);
        }

        var again = await delivery.DeliverAsync([sink]);
        Assert.Equal(0, again.Delivered);
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task A_failed_answer_is_retried_with_the_same_idempotency_key()
    {
        using var store = StoreWithNotices(out var ids);
        using var receiver = new WebhookReceiver(WebhookReceiver.FreePort()) { Answer = n => n == 1 ? 503 : 200 };
        var sink = new WebhookSink(new Uri(receiver.Url), new HttpClient());
        var report = await new OutboxDelivery(store, SystemClock.Instance, Quick).DeliverAsync([sink]);
        Assert.Equal(3, report.Delivered);
        Assert.Equal([ids[0], ids[0], ids[1], ids[2]], receiver.Received.Select(r => r.Key));
        Assert.Equal(2, store.Deliveries().Single(d => d.NoticeId == ids[0]).Attempts);
    }

    [Fact]
    [Trait("Suite", "faults")]
    public async Task Two_deliverers_at_once_send_each_notice_once_per_receiver()
    {
        // Issue 16: two deliverers sent every notice twice. Each has its own connection and claims a
        // notice before sending it; the receiver counts deliveries per idempotency key.
        using var first = StoreWithNotices(out var ids, out var target, sellers: 12);
        using var second = EnforcementStore.Open(target);
        using var receiver = new WebhookReceiver(WebhookReceiver.FreePort()) { Delay = TimeSpan.FromMilliseconds(20) };
        using var client = new HttpClient();
        var sink = new WebhookSink(new Uri(receiver.Url), client);

        var reports = await Task.WhenAll(
            Task.Run(() => new OutboxDelivery(first, SystemClock.Instance, Quick).DeliverAsync([sink])),
            Task.Run(() => new OutboxDelivery(second, SystemClock.Instance, Quick).DeliverAsync([sink])));

        var perKey = receiver.Received.GroupBy(r => r.Key).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), perKey.Keys.Order(StringComparer.Ordinal));
        Assert.All(perKey.Values, count => Assert.Equal(1, count));
        Assert.Equal(12, reports.Sum(r => r.Delivered));
        Assert.All(first.Deliveries(), d => Assert.Equal(("delivered", 1), (d.State, d.Attempts)));
    }

    [Fact]
    [Trait("Suite", "faults")]
    public void Outbox_deliver_killed_at_random_points_and_run_again_delivers_every_notice_and_repeats_only_a_notice_in_flight()
    {
        // Issue 16: random SIGKILLs of the deliverer. The receiver counts what it got per idempotency key;
        // the kill points come from STANDING_FAULT_SEED (fixed unless set; named in every message).
        using var store = StoreWithNotices(out var ids, out var target, sellers: 10);
        using var receiver = new WebhookReceiver(WebhookReceiver.FreePort()) { Delay = TimeSpan.FromMilliseconds(40) };
        var seed = FaultSeed.Value;
        var random = FaultSeed.For("outbox-deliver");
        var kills = 0;
        for (var round = 0; round < 3; round++)
        {
            var before = receiver.Received.Count;
            using var process = System.Diagnostics.Process.Start(StandingProcess.StartInfo("outbox", "deliver", "--db", target, "--webhook", receiver.Url))!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var requests = random.Next(1, 4);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!process.HasExited && receiver.Received.Count < before + requests && clock.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(1);
            Thread.Sleep(random.Next(0, 60)); // waiting for the answer, recording it, or claiming the next one
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true); // SIGKILL
                kills++;
            }
            process.WaitForExit();
        }

        // The next deliverer takes over the dead ones' claims at once (same machine, process gone).
        var last = StandingProcess.Run("outbox", "deliver", "--db", target, "--webhook", receiver.Url);
        Assert.True(last.ExitCode == 0, $"seed {seed}: {last.Stderr}{last.Stdout}");
        Assert.DoesNotContain("left to another deliverer", last.Stdout);

        var perKey = receiver.Received.GroupBy(r => r.Key!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Assert.Equal(ids.Order(StringComparer.Ordinal), perKey.Keys.Order(StringComparer.Ordinal));
        // At least once; a repeat only of the notice in flight when a deliverer died, same key, same body.
        Assert.True(perKey.Values.Sum(v => v.Count - 1) <= kills, $"seed {seed}: {kills} kills, received {string.Join(", ", perKey.Select(p => $"{p.Key} x{p.Value.Count}"))}");
        Assert.All(perKey.Values, v => Assert.Single(v.Select(x => x.Body).Distinct(StringComparer.Ordinal)));

        // The store says what an uninterrupted delivery's would: every notice delivered to the receiver,
        // each attempt recorded one the receiver saw (only an attempt cut by a kill is missing).
        var deliveries = store.Deliveries().Where(d => d.Sink == "webhook:" + receiver.Url).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), deliveries.Select(d => d.NoticeId).Order(StringComparer.Ordinal));
        Assert.All(deliveries, d => Assert.Equal("delivered", d.State));
        Assert.All(deliveries, d => Assert.InRange(d.Attempts, 1, perKey[d.NoticeId].Count));
        Assert.True(deliveries.Sum(d => perKey[d.NoticeId].Count - d.Attempts) <= kills, $"seed {seed}");
        var again = StandingProcess.Run("outbox", "deliver", "--db", target, "--webhook", receiver.Url);
        Assert.Contains("outbox: 0 deliveries made", again.Stdout);
        Assert.Equal(perKey.Values.Sum(v => v.Count), receiver.Received.Count);
    }

    [Fact]
    public async Task A_notice_refused_for_good_becomes_a_dead_letter_with_the_answer_and_the_others_go_on()
    {
        // Issue 16: one notice answered 422 blocked every later notice across runs.
        using var store = StoreWithNotices(out var ids);
        using var receiver = new WebhookReceiver(WebhookReceiver.FreePort()) { Answer = n => n == 1 ? 422 : 200 };
        var sink = new WebhookSink(new Uri(receiver.Url), new HttpClient());
        var delivery = new OutboxDelivery(store, SystemClock.Instance, Quick);

        var report = await delivery.DeliverAsync([sink]);

        Assert.Equal(2, report.Delivered);
        Assert.Empty(report.Failures);
        Assert.Contains($"{ids[0]}: {receiver.Url}: answered 422 Unprocessable Entity: {{\"error\":\"unknown seller\"}}", Assert.Single(report.DeadLetters));
        Assert.Equal([ids[0], ids[1], ids[2]], receiver.Received.Select(r => r.Key)); // a 422 is not retried
        var dead = store.Deliveries().Single(d => d.NoticeId == ids[0]);
        Assert.Equal(("failed", 1), (dead.State, dead.Attempts));
        Assert.Contains("unknown seller", dead.LastError);

        // Later deliveries leave the dead letter alone until someone retries it.
        Assert.Equal(0, (await delivery.DeliverAsync([sink])).Delivered);
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(1, store.Retry(ids[0]));
        Assert.Equal(0, store.Retry(ids[0]));
        Assert.Equal(1, (await delivery.DeliverAsync([sink])).Delivered);
        Assert.Equal(ids[0], receiver.Received.Last().Key);
        Assert.Equal(("delivered", 2), (store.Deliveries().Single(d => d.NoticeId == ids[0]).State, store.Deliveries().Single(d => d.NoticeId == ids[0]).Attempts));
    }

    [Fact]
    public async Task A_short_retry_after_is_waited_for_and_a_long_one_holds_the_notice_back_for_every_deliverer()
    {
        using var store = StoreWithNotices(out var ids);
        using var receiver = new WebhookReceiver(WebhookReceiver.FreePort())
        {
            Answer = n => n is 1 or 3 ? 429 : 200,
            RetryAfter = n => n switch { 1 => "1", 3 => "3600", _ => null },
        };
        var sink = new WebhookSink(new Uri(receiver.Url), new HttpClient());
        var delivery = new OutboxDelivery(store, SystemClock.Instance, Quick);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var report = await delivery.DeliverAsync([sink]);
        clock.Stop();

        // Request 1 (ids[0]) asked for 1 s: waited, then request 2 delivered it. Request 3 (ids[1])
        // asked for an hour: this delivery stops for the sink and records when it may try again.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"waited {clock.Elapsed}");
        Assert.Equal(1, report.Delivered);
        Assert.Single(report.Failures);
        var held = store.Deliveries().Single(d => d.NoticeId == ids[1]);
        Assert.NotNull(held.NextAttemptAt);
        Assert.InRange((held.NextAttemptAt!.Value - held.LastAttemptAt).TotalMinutes, 59.9, 60.1);

        var next = await delivery.DeliverAsync([sink]); // ids[1] is held back; ids[2] goes on
        Assert.Equal((1, 1), (next.Delivered, next.Skipped));
        Assert.Equal([ids[0], ids[0], ids[1], ids[2]], receiver.Received.Select(r => r.Key));
    }

    [Fact]
    public async Task A_signed_notice_verifies_on_the_receiving_side_and_a_tampered_one_does_not()
    {
        using var store = StoreWithNotices(out _);
        using var receiver = new WebhookReceiver(WebhookReceiver.FreePort());
        const string Secret = "whsec-test-0123456789";
        var sink = new WebhookSink(new Uri(receiver.Url), new HttpClient(), Secret, SystemClock.Instance);

        Assert.Equal(3, (await new OutboxDelivery(store, SystemClock.Instance, Quick).DeliverAsync([sink])).Delivered);

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var (timestamp, signature, body) in receiver.Signed)
        {
            // What the receiver does (docs/enforcement.md), written here independently of WebhookSignature.
            Assert.InRange(long.Parse(timestamp!, System.Globalization.CultureInfo.InvariantCulture), now - 300, now + 5);
            var expected = "v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes(timestamp + "." + body)));
            Assert.Equal(expected, signature);
            Assert.True(WebhookSignature.Verify(Secret, timestamp!, signature!, body, now));
            Assert.False(WebhookSignature.Verify(Secret, timestamp!, signature!, body.Replace("shop-", "shop_", StringComparison.Ordinal), now));
            Assert.False(WebhookSignature.Verify("another secret", timestamp!, signature!, body, now));
            Assert.False(WebhookSignature.Verify(Secret, timestamp!, signature!, body, now + 3600)); // a replay an hour later
        }
    }

    [Fact]
    public async Task The_folder_sink_writes_each_notice_once_per_delivery_and_the_command_resumes()
    {
        using var store = StoreWithNotices(out var ids);
        var folder = Path.Combine(Temp.Path, "notices");
        var sink = new FolderSink(folder);
        var report = await new OutboxDelivery(store, SystemClock.Instance, Quick).DeliverAsync([sink]);
        Assert.Equal(3, report.Delivered);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ids.Select(FolderSink.FileName).Order(StringComparer.Ordinal), files);
        Assert.Equal(ids[0], JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, FolderSink.FileName(ids[0])))).RootElement.GetProperty("id").GetString());
        Assert.Empty(store.Undelivered(sink.Name));
    }
}

public sealed class SqliteOutboxTests : OutboxContract
{
    private int _n;

    protected override string NewTarget() => Temp.File($"outbox{++_n}.db");

    [Fact]
    public void A_store_of_the_schema_before_enforcement_gains_its_tables_and_keeps_its_events()
    {
        var target = NewTarget();
        using (var store = Standing.Data.Store.EventStore.Open(target, create: true)) store.Append([Events.Placed("a", "shop-1")]);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + target + ";Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            // Back to version 1: the event log only.
            cmd.CommandText = "DROP TABLE seller_projection; DROP TABLE seller_facts; DELETE FROM standing_meta WHERE key = 'log_position'; DROP TABLE enforcement_cases; DROP TABLE enforcement_audit; DROP TABLE enforcement_notices; " +
                "DROP TABLE enforcement_deliveries; DROP TABLE disputes; DROP TABLE enforcement_runs; UPDATE standing_meta SET value = '1' WHERE key = 'schema_version'";
            cmd.ExecuteNonQuery();
        }
        using (var enforcement = EnforcementStore.Open(target))
        {
            Assert.Empty(enforcement.Cases());
            Assert.Empty(enforcement.Disputes());
        }
        using var events = Standing.Data.Store.EventStore.Open(target, create: false);
        Assert.Equal(1, events.Count());
    }

    [Fact]
    public void The_outbox_command_delivers_what_a_run_wrote_to_a_folder_and_a_webhook()
    {
        var target = Temp.File("run.db");
        var ingest = StandingProcess.Run("ingest", Temp.Write("e.ndjson", PromuaHistory.Ndjson()), "--db", target);
        Assert.Equal(0, ingest.ExitCode);
        var policy = Temp.Write("promua.yaml", PromuaHistory.Policy);
        var port = WebhookReceiver.FreePort();
        var url = $"http://127.0.0.1:{port}/hooks/standing/";
        var folder = Path.Combine(Temp.Path, "out");

        // Webhook down: the run still records everything, says what was not delivered, exits 1.
        var run = StandingProcess.Run("run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-15", "--policy", policy, "--notify-folder", folder, "--notify-webhook", url);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not delivered (kept for the next delivery): webhook:" + url, run.Stderr);
        var notices = Directory.GetFiles(folder).Length;
        Assert.Equal(4, notices); // two exclusions, two re-check results

        using var receiver = new WebhookReceiver(port);
        var deliver = StandingProcess.Run("outbox", "deliver", "--db", target, "--webhook", url, "--folder", folder);
        Assert.Equal(0, deliver.ExitCode);
        Assert.Contains("outbox: 4 deliveries made", deliver.Stdout);
        Assert.Equal(4, receiver.Received.Count);
        Assert.Contains("delivered", StandingProcess.Run("outbox", "list", "--db", target).Stdout);
    }
    [Fact]
    public void The_run_command_signs_its_webhook_deliveries_with_the_secret_given_as_outbox_deliver_does()
    {
        var target = Temp.File("signed-run.db");
        Assert.Equal(0, StandingProcess.Run("ingest", Temp.Write("e.ndjson", PromuaHistory.Ndjson()), "--db", target).ExitCode);
        var policy = Temp.Write("promua.yaml", PromuaHistory.Policy);
        using var receiver = new WebhookReceiver(WebhookReceiver.FreePort());
        const string Secret = "whsec-run-0123456789";

        // One secret more than webhooks: refused before anything runs.
        var tooMany = StandingProcess.Run("run", "--db", target, "--as-of", "2026-03-01", "--policy", policy, "--sink-webhook", receiver.Url, "--webhook-secret", Secret, "other");
        Assert.Equal(1, tooMany.ExitCode);
        Assert.Contains("--webhook-secret: 2 secrets for 1 --sink-webhook", tooMany.Stderr);
        Assert.Empty(StandingProcess.Run("outbox", "list", "--db", target, "--format", "csv").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));

        var run = StandingProcess.Run("run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-15", "--policy", policy, "--sink-webhook", receiver.Url, "--webhook-secret", Secret);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(4, receiver.Signed.Count); // two exclusions, two re-check results
        foreach (var (timestamp, signature, body) in receiver.Signed)
        {
            // The receiver's check (docs/enforcement.md), written here independently of WebhookSignature.
            var expected = "v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes(timestamp + "." + body)));
            Assert.Equal(expected, signature);
        }
    }

    [Fact]
    [Trait("Suite", "faults")]
    public void Two_outbox_deliver_processes_at_once_send_each_notice_once_and_a_refused_one_is_listed_and_retried()
    {
        var target = Temp.File("two.db");
        Assert.Equal(0, StandingProcess.Run("ingest", Temp.Write("e.ndjson", PromuaHistory.Ndjson()), "--db", target).ExitCode);
        Assert.Equal(0, StandingProcess.Run("run", "--db", target, "--from", "2026-03-01", "--to", "2026-03-15", "--policy", Temp.Write("promua.yaml", PromuaHistory.Policy)).ExitCode);
        using var receiver = new WebhookReceiver(WebhookReceiver.FreePort()) { Delay = TimeSpan.FromMilliseconds(50) };

        // Two real processes started together against one receiver; it counts deliveries per key.
        var processes = Enumerable.Range(0, 2).Select(_ => System.Diagnostics.Process.Start(StandingProcess.StartInfo("outbox", "deliver", "--db", target, "--webhook", receiver.Url))!).ToList();
        foreach (var p in processes)
        {
            Assert.True(p.WaitForExit(60_000));
            Assert.Equal(0, p.ExitCode);
            p.Dispose();
        }
        var perKey = receiver.Received.GroupBy(r => r.Key).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(4, perKey.Count); // two exclusions, two re-check results
        Assert.All(perKey.Values, count => Assert.Equal(1, count));

        // A second receiver refuses the first notice for good: listed as failed, retried on demand.
        using var strict = new WebhookReceiver(WebhookReceiver.FreePort());
        strict.Answer = n => n == 1 ? 422 : 200;
        var refused = StandingProcess.Run("outbox", "deliver", "--db", target, "--webhook", strict.Url);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("outbox: 3 deliveries made, 0 sinks failing, 1 refused for good", refused.Stdout);
        var firstKey = strict.Received.First().Key;
        Assert.Contains($"refused for good (outbox list --state failed; outbox retry ID sends it again): webhook:{strict.Url}: {firstKey}: {strict.Url}: answered 422", refused.Stderr);
        var failed = StandingProcess.Run("outbox", "list", "--db", target, "--state", "failed");
        Assert.Contains("failed, refused for good", failed.Stdout);
        // The receiver's answer is kept whole (the table may wrap it; the CSV does not).
        Assert.Contains("unknown seller", StandingProcess.Run("outbox", "list", "--db", target, "--state", "failed", "--format", "csv").Stdout);
        var retry = StandingProcess.Run("outbox", "retry", firstKey!, "--db", target);
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains($"notice {firstKey}: 1 failed delivery back in the outbox", retry.Stdout);
        Assert.Equal(1, StandingProcess.Run("outbox", "retry", firstKey!, "--db", target).ExitCode);
        Assert.Equal(0, StandingProcess.Run("outbox", "deliver", "--db", target, "--webhook", strict.Url).ExitCode);
        Assert.Equal(2, strict.Received.Count(r => r.Key == firstKey));
        Assert.DoesNotContain("refused for good", StandingProcess.Run("outbox", "list", "--db", target, "--state", "failed").Stdout);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxTests(PostgresCluster cluster) : OutboxContract
{
    protected override string NewTarget() => cluster.NewDatabase();
}
