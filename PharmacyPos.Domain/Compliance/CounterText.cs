using System.Globalization;

namespace PharmacyPos.Domain.Compliance;

/// <summary>How figures read in messages for the counter: US dates and plain grams, whatever the server's culture.</summary>
internal static class CounterText
{
    private static readonly CultureInfo UsEnglish = CultureInfo.GetCultureInfo("en-US");

    public static string Date(DateOnly date) => date.ToString("MMMM d, yyyy", UsEnglish);

    public static string Time(DateTimeOffset localTime) => localTime.ToString("MMMM d, yyyy 'at' h:mm tt", UsEnglish);

    /// <summary>Grams to the milligram without trailing zeros: 3.72 g, 3.6 g, 9 g.</summary>
    public static string Grams(decimal grams) => grams.ToString("0.###", CultureInfo.InvariantCulture) + " g";

    /// <summary>
    /// An exact amount shown to the milligram, rounded up: a total over a limit never reads as the limit itself.
    /// </summary>
    public static string GramsAtLeast(decimal grams) => Grams(decimal.Ceiling(grams * 1000m) / 1000m);

    /// <summary>An exact amount shown to the milligram, rounded down: what is still allowed is never overstated.</summary>
    public static string GramsAtMost(decimal grams) => Grams(decimal.Floor(grams * 1000m) / 1000m);

    public static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
