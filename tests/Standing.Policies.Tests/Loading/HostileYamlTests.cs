using Standing.Policies.Loading;

namespace Standing.Policies.Tests.Loading;

/// <summary>
/// Issue 16: YAML that crashed the loader or was read wrongly. Each is one located error and nothing
/// loads; positions were counted by hand (lines and columns from 1).
/// </summary>
public sealed class HostileYamlTests
{
    private static List<string> Errors(string yaml) => LoadErrors.Of(yaml);

    [Fact]
    public void Fifty_thousand_nested_brackets_are_refused_at_the_sixty_fourth_not_a_stack_overflow()
    {
        // The root map is level 1, so the 64th bracket is level 65; "name: " is 6 columns, the brackets
        // start at column 7, the 64th at column 7 + 63 = 70.
        var yaml = "id: x\nname: " + new string('[', 50_000);

        Assert.Equal(["p.yaml:2:70: not valid YAML: nested more than 64 levels deep; a policy or mapping needs far fewer"], Errors(yaml));
    }

    [Fact]
    public void Nesting_of_block_maps_is_capped_too()
    {
        // Each level "k:" indented one more space; level 65 starts on line 65 at column 65.
        var yaml = string.Join("\n", Enumerable.Range(0, 70).Select(i => new string(' ', i) + "k:"));

        Assert.Equal(["p.yaml:65:65: not valid YAML: nested more than 64 levels deep; a policy or mapping needs far fewer"], Errors(yaml));
    }

    [Fact]
    public void An_alias_to_no_anchor_is_reported_at_the_alias_not_at_1_1()
    {
        // Line 3 "name: *nope": the alias at column 7.
        Assert.Equal(["p.yaml:3:7: not valid YAML: the alias *nope names no anchor (&nope) defined before it"], Errors("id: x\nversion: \"1\"\nname: *nope\n"));
    }

    [Fact]
    public void A_second_document_is_an_error_not_ignored()
    {
        // "---" on line 3; the second document's first node "id: y" on line 4, column 1.
        Assert.Equal(
            ["p.yaml:4:1: a second YAML document starts here; the file holds one (remove the \"---\" before it, or put it in a file of its own)"],
            Errors("id: x\nversion: \"1\"\n---\nid: y\n"));
    }

    [Fact]
    public void Guidance_or_readings_given_as_nested_lists_are_errors_not_dropped()
    {
        // E-confiance gives its guidance as a plain list (English only).
        var pack = BuiltInPacks.Yaml("econfiance").ReplaceLineEndings("\n");
        var yaml = pack.Replace("guidance:\n", "guidance:\n  - - nested one\n    - nested two\n", StringComparison.Ordinal)
            .Replace("readings:\n", "readings:\n  - [a, b]\n", StringComparison.Ordinal);
        var guidanceLine = yaml.Split('\n').ToList().IndexOf("  - - nested one") + 1;
        var readingsLine = yaml.Split('\n').ToList().IndexOf("  - [a, b]") + 1;

        // A nested list item "  - - nested one" starts at column 5; "  - [a, b]" at column 5.
        Assert.Equal(
            [$"p.yaml:{readingsLine}:5: each entry of \"readings\" must be text", $"p.yaml:{guidanceLine}:5: each entry of \"guidance\" must be text"],
            Errors(yaml));
    }
}
