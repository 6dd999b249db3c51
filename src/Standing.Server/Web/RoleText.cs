using Standing.Data.Keys;

namespace Standing.Server.Web;

/// <summary>A key's role in words of the page (the role's id for one not listed).</summary>
public static class RoleText
{
    public static string Words(string role) => role switch
    {
        KeyRoles.Seller => Texts.Say("seller"),
        KeyRoles.Reviewer => Texts.Say("reviewer"),
        KeyRoles.Operator => Texts.Say("operator"),
        KeyRoles.Admin => Texts.Say("admin"),
        KeyRoles.Integration => Texts.Say("integration"),
        _ => role,
    };
}
