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

    public static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
