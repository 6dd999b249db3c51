using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Standing.Core.Evaluation;
using Standing.Core.Forecasting;
using Standing.Core.Metrics;
using Standing.Core.Policies;
using Standing.Data.Enforcement;
using Standing.Data.Keys;
using Standing.Data.Ndjson;
using Standing.Enforcement.Cases;
using Standing.Enforcement.Disputes;
using Standing.Enforcement.Machines;
using Standing.Server.Access;
using Standing.Server.Jobs;
using Standing.Server.Web;

namespace Standing.Server.Pages.Sellers;

/// <summary>
/// <c>/sellers/{seller}/{policy}</c>: one standard for one seller. A card per metric with its 90-day
/// trend and its forecast (time to recovery, error budget, the days defects leave the window), the items that counted (paged) with a dispute form each, the open cases with what to do
/// (Prom.ua's reinstatement checklist and improvement letter; Congocrea's performance summary), and
/// the seller's disputes. The numbers are the API's (<see cref="Evaluations.Seller"/>); disputes and
/// letters go through the code the API uses.
/// </summary>
public sealed class StandardModel(StoreAccess store, ServerOptions options) : StandingPageModel
{
    public const int PageSize = 20, TrendDays = 90;

    /// <summary>Who may open a dispute or send a letter (as <c>POST /v1/disputes</c> admits).</summary>
    private static readonly string[] Writers = [KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Seller];

    public sealed record CaseView(EnforcementCase Case, string? Message, IReadOnlyList<ChecklistItem> Checklist);

    public string Seller { get; private set; } = "";
    public Policy Policy { get; private set; } = null!;
    public Instant AsOf { get; private set; }
    public SellerEvaluation Result { get; private set; } = null!;
    public IReadOnlyDictionary<string, IReadOnlyList<Trends.Point>> Trend { get; private set; } = new Dictionary<string, IReadOnlyList<Trends.Point>>();
    public IReadOnlyList<Dispute> Disputes { get; private set; } = [];
    /// <summary>Each metric's forecast (the API's, <see cref="Evaluations.Forecast"/>), by metric id.</summary>
    public IReadOnlyDictionary<string, MetricForecast> Forecasts { get; private set; } = new Dictionary<string, MetricForecast>();
    /// <summary>The forecast's horizon in days (the longest metric's next cycle).</summary>
    public int ForecastDays { get; private set; }
    public IReadOnlyList<CaseView> OpenCases { get; private set; } = [];
    public IReadOnlyList<EnforcementCase> ClosedCases { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public string? AsOfAsked { get; private set; }

    /// <summary>The address's <c>?asOf=</c> was not an instant the pages can show (the latest figures are shown instead).</summary>
    public bool AsOfRefused { get; private set; }
    /// <summary>
    /// The standard compares sellers and a large store has no peer pool of this as-of yet: the page says it is being
    /// computed (<see cref="BeingComputed"/>) and a form posted meanwhile is not acted on.
    /// </summary>
    public bool Computing { get; private set; }

    public bool MayWrite => Writers.Contains(Caller.Role, StringComparer.Ordinal);

    /// <summary>What the last form did (after its redirect), or why it was refused, and for which item.</summary>
    public string? Done { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorItem { get; private set; }

    public IActionResult OnGet(string seller, string policy, string? asOf, string? done)
    {
        if (!Load(seller, policy, PageNumbers.Of(Request), asOf)) return NotFound();
        if (Computing) return Waiting();
        Done = done switch
        {
            "disputed" => Texts.Say("Your dispute is open. An operator will accept or reject it; an accepted one no longer counts."),
            "letter" => Texts.Say("Your improvement letter was received. The operator answers it within the deadline; it counts at the next re-check."),
            _ => null,
        };
        return Page();
    }

    public IActionResult OnPostDispute(string seller, string policy, string? metric, string? item, string? reason, int? page, string? asOf)
    {
        if (!Load(seller, policy, page, asOf)) return NotFound();
        if (Computing) return Waiting();
        if (!MayWrite) return Forbid403();
        ErrorItem = item;
        var definition = Policy.Metrics.FirstOrDefault(m => m.Id == metric);
        if (string.IsNullOrWhiteSpace(item) || definition is null || !DisputeExclusion.Supports(definition) || Ids.IsBad("item", item, out _))
            return Refuse(Texts.Say("This item cannot be disputed."));
        if (string.IsNullOrWhiteSpace(reason)) return Refuse(Texts.Say("Say why this item should not count: a reason is required."));
        if (reason.Length > 2000) return Refuse(Texts.Say("The reason is longer than 2,000 characters."));
        var opened = DisputeOpening.Open(store, options, Caller, Policy, Seller, definition.Id, item, reason.Trim());
        return opened.Refusal switch
        {
            DisputeOpening.Refusal.None => Redirect(Here("disputed") + "#disputes"),
            DisputeOpening.Refusal.AlreadyDisputed => Refuse(Texts.Say("This item is already disputed.")),
            _ => Refuse(Texts.Say("This item cannot be disputed.")),
        };
    }

    public IActionResult OnPostLetter(string seller, string policy, string? problem, string? solution, string? asOf)
    {
        if (!Load(seller, policy, 1, asOf)) return NotFound();
        if (Computing) return Waiting();
        if (!MayWrite) return Forbid403();
        ErrorItem = "letter";
        var exclusion = OpenCases.Select(c => c.Case).FirstOrDefault(c => c.Kind == CaseKinds.CatalogExclusion);
        if (exclusion is null) return Refuse(Texts.Say("An improvement letter is for a seller excluded from the catalog; this seller is not excluded."));
        if (string.IsNullOrWhiteSpace(problem) || string.IsNullOrWhiteSpace(solution))
            return Refuse(Texts.Say("Write both parts of the letter: the problem, and the solution you put in place."));
        if (problem.Length + solution.Length > 8000) return Refuse(Texts.Say("The letter is longer than 8,000 characters."));
        // The letter is the event the standard reads (seller.plan_submitted, its text Problem → Solution),
        // parsed and stored as POST /v1/events would; the same letter sent twice is one event.
        var text = $"Problem: {problem.Trim()}\nSolution: {solution.Trim()}";
        var at = ActionTime.At(store, exclusion.Policy, options.Now(), notBefore: exclusion.UpdatedAt);
        var id = "letter-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Seller}\n{text}")))[..16];
        var line = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["id"] = id, ["type"] = "seller.plan_submitted", ["at"] = EnforcementJson.Instant(at), ["seller"] = Seller, ["text"] = text,
        });
        if (!NdjsonEventParser.TryParse(Encoding.UTF8.GetBytes(line), out var letter, out _))
            return Refuse(Texts.Say("The letter could not be recorded."));
        EventWriting.Append(store, [letter]);
        return Redirect(Here("letter") + "#cases");
    }

    /// <summary>The same page with the form's refusal shown (400: nothing was stored).</summary>
    private PageResult Refuse(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private PageResult Waiting()
    {
        BeingComputed.Answer(this);
        return Page();
    }

    private StatusCodeResult Forbid403() => StatusCode(StatusCodes.Status403Forbidden);

    private string Here(string done)
    {
        var query = new List<string>();
        if (PageNumber > 1) query.Add($"page={PageNumber}");
        if (AsOfAsked is not null) query.Add($"asOf={Uri.EscapeDataString(AsOfAsked)}");
        query.Add($"done={done}");
        return $"/sellers/{Uri.EscapeDataString(Seller)}/{Policy.Id}?{string.Join("&", query)}";
    }

    private bool Load(string seller, string policy, int? page, string? asOf)
    {
        if (!SellerPages.Visible(HttpContext, store, seller) || SellerPages.Standard(policy) is not { } loaded) return false;
        Seller = seller;
        Policy = loaded;
        AsOfAsked = asOf;
        AsOf = SellerPages.AsOf(store, options, loaded, asOf, out var refused, seller);
        AsOfRefused = refused;
        PageNumber = Math.Max(1, page ?? 1);
        Computing = !SellerPages.PeerPoolReady(store, options, loaded, AsOf);
        if (Computing) return true;
        if (Evaluations.Seller(store, loaded, AsOf, seller, explain: true) is not { } found) return false;
        Result = found.Evaluation.Sellers[0];
        Disputes = found.Disputes.Where(d => d.Policy == loaded.Id).OrderByDescending(d => d.OpenedAt).ToList();
        Trend = Trends.Daily(store, loaded, seller, AsOf, TrendDays, found.Disputes);
        var forecast = Evaluations.Forecast(loaded, AsOf, found.Facts, found.Disputes, Result);
        Forecasts = forecast.Metrics.ToDictionary(m => m.Id, StringComparer.Ordinal);
        ForecastDays = forecast.Days;
        using var enforcement = store.Enforcement();
        var cases = SellerCases.Of(enforcement, loaded.Id, seller);
        OpenCases = cases.Where(c => c.IsOpen).OrderBy(c => c.DueAt ?? Instant.MaxValue).Select(c =>
        {
            var message = enforcement.Notices(seller, c.Id).Where(n => n.Audience == "seller").OrderBy(n => n.At).LastOrDefault();
            IReadOnlyList<ChecklistItem> checklist = [];
            if (c.Kind == CaseKinds.CatalogExclusion)
            {
                // Reads every event of the seller: kept per change of them, case state and as-of.
                checklist = store.KeptOfSeller(seller, new ChecklistKey(c.Id, c.UpdatedAt, AsOf), loaded, found.Disputes,
                    () => new ChecklistOf(Checklist(c, found.Facts, ReadEvents(seller)))).Items;
            }
            return new CaseView(c, message is null ? null : NoticeText(message.Body), checklist);
        }).ToList();
        ClosedCases = cases.Where(c => !c.IsOpen).OrderByDescending(c => c.ClosedAt).Take(10).ToList();
        return true;
    }

    private sealed record ChecklistKey(string Case, Instant CaseUpdated, Instant AsOf);

    private sealed record ChecklistOf(IReadOnlyList<ChecklistItem> Items);

    private IReadOnlyList<Core.Events.StandingEvent> ReadEvents(string seller)
    {
        using var events = store.Events();
        return events.ReadAll(seller);
    }

    /// <summary>Prom.ua's reinstatement conditions as they stand at the page's as-of (the machine's own check; the letter counts until the end of the re-check day).</summary>
    private IReadOnlyList<ChecklistItem> Checklist(EnforcementCase exclusion, Core.Facts.SellerFacts facts, IReadOnlyList<Core.Events.StandingEvent> events)
    {
        var zone = Policy.Zone;
        var recheck = exclusion.DueAt ?? AsOf;
        var letterDeadline = recheck.InZone(zone).Date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        var rise = Policy.Settings.TryGetValue(CatalogExclusionMachine.RatingRiseSetting, out var r) ? r : 0.1;
        return ReinstatementChecklist.Check(facts, events, exclusion.OpenedAt, AsOf, letterDeadline, exclusion.GetNumber("rating_at_exclusion"), rise);
    }

    /// <summary>A notice's words for the seller: its "lines" when the body is the outbox's JSON, else the body.</summary>
    private static string NoticeText(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("lines", out var lines) && lines.ValueKind == JsonValueKind.Array)
                return string.Join("\n", lines.EnumerateArray().Select(l => l.GetString()));
            if (json.RootElement.TryGetProperty("text", out var text)) return text.GetString() ?? body;
        }
        catch (JsonException)
        {
        }
        return body;
    }

    /// <summary>The items of a metric that counted against the seller (its numerator), this page's slice.</summary>
    public (IReadOnlyList<MetricItem> Items, int Total) Counted(MetricResult metric)
    {
        var counted = metric.Items.Where(i => i.Role == ItemRole.Numerator).ToList();
        return (counted.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList(), counted.Count);
    }

    /// <summary>The dispute on an item under this standard that still stands (open or accepted), if any.</summary>
    public Dispute? DisputeOf(string metric, string item) =>
        Disputes.FirstOrDefault(d => d.Item == item && (d.Metric is null || d.Metric == metric) && d.State != Dispute.Rejected);

    public string PageLink(int page) =>
        $"/sellers/{Uri.EscapeDataString(Seller)}/{Policy.Id}?page={page}{(AsOfAsked is null ? "" : "&asOf=" + Uri.EscapeDataString(AsOfAsked))}";
}
