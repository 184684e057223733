using System.Globalization;

namespace PharmacyPos.Web.Features.Pharmacy;

/// <summary>
/// The code printed as a Code 128 barcode on a prescription bag label: "RX" and ten digits, a number derived
/// from the fill id (not a GS1 code, so it can never be mistaken for a product scan). The ten digits are the
/// fill id's last 64 bits (random in a Version 7 id) modulo 10^10. The pickup panel looks a scan up among the
/// branch's ready fills only, so the rare collision (about one in 10^5 with 500 bags waiting) offers two bags
/// to choose from, never a wrong sale.
/// </summary>
public static class PickupCode
{
    public const string Prefix = "RX";
    public const int Digits = 10;
    private const long Modulus = 10_000_000_000;

    public static string For(Guid fillId) => Prefix + (Number(fillId) % Modulus).ToString("D10", CultureInfo.InvariantCulture);

    public static bool TryParse(string? scan, out string code)
    {
        code = (scan ?? "").Trim().ToUpperInvariant();
        return code.Length == Prefix.Length + Digits && code.StartsWith(Prefix, StringComparison.Ordinal) && code[Prefix.Length..].All(char.IsAsciiDigit);
    }

    public static bool Matches(string scan, Guid fillId) => TryParse(scan, out var code) && code == For(fillId);

    private static long Number(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        long value = 0;
        for (var i = 8; i < 16; i++)
            value = (value << 8) | bytes[i];
        return value & long.MaxValue;
    }
}
