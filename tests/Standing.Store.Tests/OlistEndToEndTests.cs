using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Standing.Store.Tests;

/// <summary>
/// The real Olist sample (../shared/data/olist-sample) through examples/olist/mapping.yaml, evaluated
/// with congocrea, checked seller by seller against ODR worked out here straight from the CSV files,
/// with plain code that shares nothing with the mapping or the engine.
/// </summary>
public sealed class OlistEndToEndTests : IDisposable
{
    private static readonly DateTime AsOfUtc = new(2018, 8, 1, 3, 0, 0, DateTimeKind.Utc); // 2018-08-01T00:00:00-03:00

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Standing.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Standing.slnx) above " + AppContext.BaseDirectory);
    }

    private static string SampleFolder()
    {
        var folder = Environment.GetEnvironmentVariable("STANDING_OLIST_SAMPLE") is { Length: > 0 } set
            ? set
            : Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "data", "olist-sample"));
        if (!File.Exists(Path.Combine(folder, "olist_orders_dataset.csv")))
            throw new InvalidOperationException($"The Olist sample is absent: expected the CSV files in {folder} (../shared/data/olist-sample beside the repository). This test needs it.");
        return folder;
    }

    [Fact]
    public void Olist_sample_gives_each_sellers_odr_as_counted_by_hand()
    {
        var sample = SampleFolder();
        var db = _temp.File("olist.db");
        var mapping = Path.Combine(RepoRoot(), "examples", "olist", "mapping.yaml");
        var ingest = StandingProcess.Run("ingest", "--db", db, "--mapping", mapping, sample);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr + ingest.Stdout);

        var again = StandingProcess.Run("ingest", "--db", db, "--mapping", mapping, sample);
        Assert.Matches(@"accepted \(new\)\s+0\b", again.Stdout);

        var evaluate = StandingProcess.Run("evaluate", "--db", db, "--policy", "congocrea", "--as-of", "2018-08-01T00:00:00-03:00", "--format", "json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        var actual = new Dictionary<string, (long Numerator, long Denominator)>();
        foreach (var seller in JsonDocument.Parse(evaluate.Stdout).RootElement.GetProperty("sellers").EnumerateArray())
        {
            var odr = seller.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "odr");
            actual[seller.GetProperty("seller").GetString()!] = (odr.GetProperty("numerator").GetInt64(), odr.GetProperty("denominator").GetInt64());
        }

        var expected = ExpectedOdr(sample);
        Assert.True(expected.Count > 100, "the sample should give ODR for many sellers");
        Assert.True(expected.Values.Sum(v => v.Numerator) > 50, "the sample should hold defective orders in the window");
        foreach (var (seller, counts) in expected)
        {
            Assert.True(actual.TryGetValue(seller, out var got), $"seller {seller} is missing from the evaluation");
            Assert.True(counts == got, $"seller {seller}: expected ODR {counts.Numerator}/{counts.Denominator}, evaluated {got.Numerator}/{got.Denominator}");
        }
        // Sellers with no order in the window have an empty ODR.
        Assert.All(actual.Where(a => !expected.ContainsKey(a.Key)), a => Assert.Equal((0L, 0L), a.Value));

        // A few sellers by hand, as printed by the independent count (guards against both sides drifting together).
        var busiest = expected.OrderByDescending(e => e.Value.Denominator).ThenBy(e => e.Key, StringComparer.Ordinal).First();
        Assert.Equal("6560211a19b47992c3666cc44a7e94c0", busiest.Key);
        Assert.Equal((4L, 30L), busiest.Value);
    }

    /// <summary>
    /// ODR as Congocrea defines it, counted from the CSVs: each seller's part of an order placed in
    /// [as-of − 90 days, as-of) is one order; it is defective when a review of the order answered before
    /// as-of has 1 or 2 stars. Local times are Brazil's (America/Sao_Paulo).
    /// </summary>
    private static Dictionary<string, (long Numerator, long Denominator)> ExpectedOdr(string folder)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
        DateTime Utc(string local)
        {
            var t = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            if (zone.IsInvalidTime(t)) t = t.AddHours(1);
            return TimeZoneInfo.ConvertTimeToUtc(t, zone);
        }

        var purchased = new Dictionary<string, DateTime>();
        foreach (var row in ReadCsv(Path.Combine(folder, "olist_orders_dataset.csv")))
            purchased[row["order_id"]] = Utc(row["order_purchase_timestamp"]);

        var sellersOf = new Dictionary<string, HashSet<string>>();
        foreach (var row in ReadCsv(Path.Combine(folder, "olist_order_items_dataset.csv")))
        {
            if (!sellersOf.TryGetValue(row["order_id"], out var set)) sellersOf[row["order_id"]] = set = [];
            set.Add(row["seller_id"]);
        }

        var badReview = new HashSet<string>();
        foreach (var row in ReadCsv(Path.Combine(folder, "olist_order_reviews_dataset.csv")))
        {
            if (int.Parse(row["review_score"], CultureInfo.InvariantCulture) <= 2 && Utc(row["review_answer_timestamp"]) < AsOfUtc)
                badReview.Add(row["order_id"]);
        }

        var start = AsOfUtc.AddDays(-90);
        var result = new Dictionary<string, (long, long)>();
        foreach (var (order, sellers) in sellersOf)
        {
            if (!purchased.TryGetValue(order, out var at) || at < start || at >= AsOfUtc) continue;
            foreach (var seller in sellers)
            {
                var (n, d) = result.GetValueOrDefault(seller);
                result[seller] = (n + (badReview.Contains(order) ? 1 : 0), d + 1);
            }
        }
        return result;
    }

    /// <summary>A plain RFC 4180 reader: commas, double quotes, "" inside quotes, line breaks inside quotes.</summary>
    private static IEnumerable<Dictionary<string, string>> ReadCsv(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        var header = records[0];
        foreach (var r in records.Skip(1).Where(r => r.Count == header.Count))
        {
            var row = new Dictionary<string, string>();
            for (var i = 0; i < header.Count; i++) row[header[i]] = r[i];
            yield return row;
        }
    }
}
