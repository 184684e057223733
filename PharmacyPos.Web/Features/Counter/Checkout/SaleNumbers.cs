using System.Globalization;
using System.Security.Cryptography;
using PharmacyPos.Domain.Branches;

namespace PharmacyPos.Web.Features.Counter.Checkout;

/// <summary>
/// The number printed on the receipt: "S", the branch-local date and time to the second, and six random digits,
/// so registers never need to agree on a counter. It matches what the scan box reads as a receipt number
/// (S and 6 to 20 digits) and the database keeps it unique.
/// </summary>
public static class SaleNumbers
{
    public static string New(Branch branch, DateTimeOffset at) =>
        "S" + branch.LocalTime(at).ToString("yyMMddHHmmss", CultureInfo.InvariantCulture)
            + RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}
