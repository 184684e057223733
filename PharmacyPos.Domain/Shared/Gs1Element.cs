namespace PharmacyPos.Domain.Shared;

/// <summary>One field of a GS1 barcode: its Application Identifier and the data after it.</summary>
public sealed record Gs1Element(Gs1ApplicationIdentifier Identifier, string Data)
{
    public string Ai => Identifier.Code;

    /// <summary>The calendar date, for date AIs (11 to 17).</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Human-readable form, as printed under the barcode: "(17)260531".</summary>
    public override string ToString() => $"({Ai}){Data}";
}
