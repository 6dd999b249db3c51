namespace Standing.Enforcement.Cases;

/// <summary>Who made a transition: the rule of a policy, or a person.</summary>
public readonly record struct Actor(string Name)
{
    public static Actor Rule(string policy, string rule) => new($"rule:{policy}/{rule}");

    public static Actor Person(string name) => new($"person:{name}");
}
