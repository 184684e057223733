namespace PharmacyPos.Domain.Shared;

/// <summary>How a branch's scanners send GS1 barcodes, and the day they are read on.</summary>
/// <param name="Today">The day of reading: two-digit years are placed in the century around it.</param>
public sealed record Gs1ReadOptions(DateOnly Today)
{
    /// <summary>
    /// Visible text some scanners send instead of the group separator (ASCII 29), which keyboard
    /// emulation cannot type: "&lt;GS&gt;" and the Unicode symbol for it, U+241D.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultGroupSeparatorStandIns = ["<GS>", "\u241D"];

    public IReadOnlyList<string> GroupSeparatorStandIns { get; init; } = DefaultGroupSeparatorStandIns;

    /// <summary>Options for the current day of <paramref name="clock"/>; only its year matters.</summary>
    public static Gs1ReadOptions On(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new Gs1ReadOptions(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }
}
