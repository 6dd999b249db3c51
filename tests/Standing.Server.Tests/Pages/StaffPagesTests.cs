using System.Net;
using Standing.Server.Tests;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// The trust &amp; safety pages over real HTTP (Kestrel on loopback, SQLite): who may open them, who may
/// decide, forms that need their token, and what a decision leaves in the store. The store holds
/// <see cref="Marketplace"/> run as of 2026-04-01 under congocrea: shop-a (ODR 3/10 = 0.3, both count
/// guards held) has one warning, issued; a warning accepts only "dismiss".
/// </summary>
public sealed class StaffPagesTests : IDisposable
{
    private static readonly string[] StaffPages = ["/overview", "/sellers", "/cases", "/disputes", "/policies", "/policies/congocrea", "/backtests", "/keys"];

    private readonly SqliteTarget _stores = new();

    private async Task<(ServerHarness Server, string CaseId)> Start()
    {
        var server = await ServerHarness.Start(_stores.NewTarget(), o => o with { Clock = new FixedClock(FixedClock.DayAfter) });
        await server.Client("admin").PostAsync("/v1/runs", ServerHarness.Json($$"""{"as_of":"{{Marketplace.AsOf}}","policies":["congocrea"]}""")).Json();
        var cases = await server.Client("admin").GetAsync("/v1/cases?policy=congocrea").Json();
        return (server, cases[0].Str("id"));
    }

    [Fact]
    public async Task A_seller_key_is_refused_on_every_staff_page_and_sees_no_case()
    {
        var (server, caseId) = await Start();
        await using var _ = server;
        using var seller = new PageClient(server.Address);
        await seller.SignIn(server.KeyText("seller"));
        foreach (var page in StaffPages)
        {
            var answer = await seller.Get(page);
            Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{page}: {(int)answer.Status}");
            Assert.DoesNotContain("shop-b", answer.Body, StringComparison.Ordinal);
        }
        // Its own case too: the case pages are the staff's (the seller page lists its cases).
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.Get($"/cases/{caseId}")).Status);
        using var other = new PageClient(server.Address);
        await other.SignIn(server.KeyText(ServerHarness.OtherSeller));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Get($"/cases/{caseId}")).Status);
    }

    [Fact]
    public async Task Only_an_admin_opens_the_keys_page()
    {
        var (server, _) = await Start();
        await using var _s = server;
        foreach (var role in new[] { "operator", "reviewer" })
        {
            using var staff = new PageClient(server.Address);
            await staff.SignIn(server.KeyText(role));
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.Get("/keys")).Status);
            Assert.Equal(HttpStatusCode.OK, (await staff.Get("/overview")).Status);
        }
    }

    [Fact]
    public async Task A_reviewer_sees_the_case_but_has_no_form_and_its_post_is_refused()
    {
        var (server, caseId) = await Start();
        await using var _ = server;
        using var reviewer = new PageClient(server.Address);
        await reviewer.SignIn(server.KeyText("reviewer"));
        var page = await reviewer.Get($"/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("may not decide it", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("data-form=\"decide\"", page.Body, StringComparison.Ordinal);
        var post = await reviewer.Post($"/cases/{caseId}", new Dictionary<string, string>
        {
            ["Decision"] = "dismiss", ["Note"] = "reviewer tries", ["__RequestVerificationToken"] = PageClient.Token(page.Body),
        });
        Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        var stored = await server.Client("admin").GetAsync($"/v1/cases/{caseId}").Json();
        Assert.Equal("issued", stored.Str("state"));
    }

    [Fact]
    public async Task An_operators_decision_needs_the_token_is_refused_with_the_reason_when_the_state_forbids_it_and_names_the_key()
    {
        var (server, caseId) = await Start();
        await using var _ = server;
        using var op = new PageClient(server.Address);
        await op.SignIn(server.KeyText("operator"));
        var page = await op.Get($"/cases/{caseId}");
        Assert.Contains("data-form=\"decide\"", page.Body, StringComparison.Ordinal);

        var noToken = await op.Post($"/cases/{caseId}", new Dictionary<string, string> { ["Decision"] = "dismiss", ["Note"] = "n" });
        Assert.Equal(HttpStatusCode.BadRequest, noToken.Status);

        // A warning that is issued accepts only dismiss: confirm is refused with the reason, nothing changes.
        var refused = await op.Post($"/cases/{caseId}", new Dictionary<string, string>
        {
            ["Decision"] = "confirm", ["Note"] = "wrong verb", ["__RequestVerificationToken"] = PageClient.Token(page.Body),
        });
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("allowed: dismiss", refused.Body, StringComparison.Ordinal);
        Assert.Equal("issued", (await server.Client("admin").GetAsync($"/v1/cases/{caseId}").Json()).Str("state"));

        var done = await op.Post($"/cases/{caseId}", new Dictionary<string, string>
        {
            ["Decision"] = "dismiss", ["Note"] = "the reviews were fake", ["__RequestVerificationToken"] = PageClient.Token(refused.Body),
        });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        var after = await op.Get(done.Location!.OriginalString);
        Assert.Contains("person:operator", after.Body, StringComparison.Ordinal);
        var stored = await server.Client("admin").GetAsync($"/v1/cases/{caseId}").Json();
        Assert.Equal("withdrawn", stored.Str("state"));
        Assert.Equal("person:operator", stored.GetProperty("audit")[stored.GetProperty("audit").GetArrayLength() - 1].Str("actor"));
    }

    [Fact]
    public async Task A_policy_copy_with_mistakes_shows_each_error_under_its_line()
    {
        var (server, _) = await Start();
        await using var _s = server;
        using var reviewer = new PageClient(server.Address);
        await reviewer.SignIn(server.KeyText("reviewer"));
        var page = await reviewer.Get("/policies/congocrea");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        // Line 1 names the policy; line 3 gets a time zone that does not exist.
        var yaml = "id: mine\nversion: \"1\"\ntime_zone: Mars/Olympus\nname: x\neffective_from: 2026-01-01\nmetrics: []\nrules: []\n";
        var answer = await reviewer.Post("/policies/congocrea", new Dictionary<string, string> { ["Yaml"] = yaml, ["__RequestVerificationToken"] = PageClient.Token(page.Body) });
        Assert.Equal((HttpStatusCode)422, answer.Status);
        Assert.Contains("data-error-line=\"3\"", answer.Body, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_creates_a_key_shown_once_and_revokes_it()
    {
        var (server, _) = await Start();
        await using var _s = server;
        using var admin = new PageClient(server.Address);
        await admin.SignIn(server.KeyText("admin"));
        var page = await admin.Get("/keys");
        var created = await admin.Post("/keys?handler=Create", new Dictionary<string, string>
        {
            ["Name"] = "night-shift", ["Role"] = "operator", ["Seller"] = "", ["__RequestVerificationToken"] = PageClient.Token(page.Body),
        });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var secret = System.Text.RegularExpressions.Regex.Match(created.Body, "data-secret>([^<]+)<").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(secret));
        // The new key works on the API, and its text is never on the page again.
        Assert.Equal(HttpStatusCode.OK, (await Get(server, secret, "/v1/policies")).StatusCode);
        var again = await admin.Get("/keys");
        Assert.DoesNotContain(secret, again.Body, StringComparison.Ordinal);

        var id = (await server.Client("admin").GetAsync("/v1/keys").Json()).EnumerateArray().Single(k => k.Str("name") == "night-shift").Str("id");
        var revoked = await admin.Post("/keys?handler=Revoke", new Dictionary<string, string> { ["id"] = id, ["__RequestVerificationToken"] = PageClient.Token(again.Body) });
        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(server, secret, "/v1/policies")).StatusCode);
    }

    private static async Task<HttpResponseMessage> Get(ServerHarness server, string key, string path)
    {
        using var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return await client.GetAsync(path);
    }

    public void Dispose() => _stores.Dispose();
}
