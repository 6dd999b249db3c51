using Microsoft.AspNetCore.Mvc;
using Standing.Data.Keys;
using Standing.Policies;
using Standing.Policies.Loading;
using Standing.Server.Web;

namespace Standing.Server.Pages.Staff;

/// <summary>
/// <c>/policies/{id}</c>: a built-in policy's YAML, line by line, and a form to validate an edited copy:
/// each error is shown under the line it is on (with its column), as <c>policies validate</c> reports it.
/// Nothing is saved: the server runs only the built-in policies.
/// </summary>
[PageRoles(KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer)]
public sealed class PolicyModel(ServerOptions options) : StandingPageModel
{
    public string Id { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The YAML shown: the built-in one, or the copy posted.</summary>
    [BindProperty] public string Yaml { get; set; } = "";

    /// <summary>Whether <see cref="Yaml"/> is a posted copy that was checked.</summary>
    public bool Checked { get; private set; }

    public IReadOnlyList<PolicyError> Errors { get; private set; } = [];

    public string? Problem { get; private set; }

    public IActionResult OnGet(string id)
    {
        if (!Load(id)) return NotFound();
        Yaml = BuiltInPacks.Yaml(id);
        return Page();
    }

    public IActionResult OnPost(string id)
    {
        if (!Load(id)) return NotFound();
        Checked = true;
        if (Yaml.Length > options.MaxBodyBytes) Problem = $"the copy is longer than {options.MaxBodyBytes} characters";
        else if (string.IsNullOrWhiteSpace(Yaml)) Problem = "the copy is empty";
        else
        {
            try
            {
                PolicyLoader.Load(Yaml, "edited copy");
            }
            catch (PolicyLoadException e)
            {
                Errors = e.Errors;
                Response.StatusCode = 422;
            }
        }
        return Page();
    }

    private bool Load(string id)
    {
        if (!BuiltInPacks.Ids.Contains(id, StringComparer.Ordinal)) return false;
        Id = id;
        Name = BuiltInPacks.Shared(id).Name;
        return true;
    }

    public IReadOnlyList<string> Lines => Yaml.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    public IEnumerable<PolicyError> On(int line) => Errors.Where(e => e.Line == line);
}
