namespace Standing.Cli.Commands;

/// <summary>Process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Everything read was accepted.</summary>
    public const int Ok = 0;
    /// <summary>A user error stopped the command (bad policy, unreadable file, unknown seller, bad flag).</summary>
    public const int Error = 1;
    /// <summary>The command ran, but some input lines were rejected (results still printed).</summary>
    public const int SomeRejected = 2;
}
