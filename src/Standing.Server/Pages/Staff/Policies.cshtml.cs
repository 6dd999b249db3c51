using Standing.Core.Policies;
using Standing.Data.Keys;
using Standing.Enforcement.Machines;
using Standing.Policies;
using Standing.Server.Web;

namespace Standing.Server.Pages.Staff;

/// <summary><c>/policies</c>: the built-in standards, each linking to its YAML and the validate form.</summary>
[PageRoles(KeyRoles.Admin, KeyRoles.Operator, KeyRoles.Reviewer)]
public sealed class PoliciesModel : StandingPageModel
{
    public IReadOnlyList<Policy> Policies { get; } = BuiltInPacks.Ids.Select(BuiltInPacks.Shared).ToList();

    public static bool Enforced(Policy p) => PackMachines.For(p.Id) is not null;
}
