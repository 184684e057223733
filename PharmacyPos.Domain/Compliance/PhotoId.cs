using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Compliance;

/// <summary>
/// The photo ID a purchaser showed, as typed or scanned at the counter: what identifies them in the
/// listed-chemical logbook (21 CFR 1314.30) and the Schedule V record book (21 CFR 1306.26), and what
/// their age is checked against. An ID with a future date of birth or one that has expired is refused.
/// </summary>
public sealed record PhotoId
{
    public const int NumberMaxLength = 30;
    public const int IssuedByMaxLength = 40;
    public const int NameMaxLength = 120;
    public const int AddressMaxLength = 250;
    /// <summary>A date of birth more than this many years ago is a typing error.</summary>
    public const int MaxAgeYears = 130;

    private PhotoId() { }

    public PhotoIdType Type { get; private init; }
    public string Number { get; private init; } = "";
    /// <summary>The issuing state's two-letter code for a driver's license or state ID; the country or agency otherwise.</summary>
    public string IssuedBy { get; private init; } = "";
    public DateOnly DateOfBirth { get; private init; }
    public string FullName { get; private init; } = "";
    public string Address { get; private init; } = "";
    /// <summary>The expiry printed on the ID, when it has one.</summary>
    public DateOnly? Expires { get; private init; }

    public static PhotoId Create(PhotoIdType type, string? number, string? issuedBy, DateOnly dateOfBirth,
        string? fullName, string? address, DateOnly? expires, DateOnly today) =>
        TryCreate(type, number, issuedBy, dateOfBirth, fullName, address, expires, today, out var id, out var error)
            ? id!
            : throw new DomainException(error!);

    /// <param name="today">The branch's local date: an ID expiring today is still good today.</param>
    public static bool TryCreate(PhotoIdType type, string? number, string? issuedBy, DateOnly dateOfBirth,
        string? fullName, string? address, DateOnly? expires, DateOnly today, out PhotoId? photoId, out string? error)
    {
        photoId = null;
        var n = Clean(number).ToUpperInvariant();
        var by = Clean(issuedBy).ToUpperInvariant();
        var name = Clean(fullName);
        var addr = Clean(address);

        error = !Enum.IsDefined(type) ? "Choose the kind of ID."
            : n.Length == 0 ? "Enter the ID number."
            : n.Length > NumberMaxLength ? $"An ID number has at most {NumberMaxLength} characters."
            : !n.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-') ? "An ID number has only letters, digits, spaces and hyphens."
            : by.Length == 0 ? (IsStateIssued(type) ? "Enter the state that issued the ID." : "Enter who issued the ID.")
            : IsStateIssued(type) && (by.Length != 2 || !by.All(char.IsAsciiLetter)) ? "Enter the issuing state as its two-letter code, for example TX."
            : by.Length > IssuedByMaxLength ? $"The issuer is at most {IssuedByMaxLength} characters."
            : name.Length == 0 ? "Enter the name on the ID."
            : name.Length > NameMaxLength ? $"A name has at most {NameMaxLength} characters."
            : addr.Length == 0 ? "Enter the purchaser's address."
            : addr.Length > AddressMaxLength ? $"An address has at most {AddressMaxLength} characters."
            : dateOfBirth > today ? "The ID's date of birth is in the future; check the ID."
            : dateOfBirth < today.AddYears(-MaxAgeYears) ? "The ID's date of birth is too long ago; check the ID."
            : expires is { } e && e < today ? $"This ID expired on {CounterText.Date(e)}; ask for an ID that is still valid."
            : null;
        if (error is not null)
            return false;

        photoId = new PhotoId
        {
            Type = type,
            Number = n,
            IssuedBy = by,
            DateOfBirth = dateOfBirth,
            FullName = name,
            Address = addr,
            Expires = expires,
        };
        return true;
    }

    public int AgeOn(DateOnly today) => Age.OnDate(DateOfBirth, today);

    public bool IsExpiredOn(DateOnly today) => Expires is { } e && e < today;

    /// <summary>Shown on screens and receipts: the number's last four characters only.</summary>
    public string MaskedNumber => Number.Length <= 4 ? Number : new string('•', Number.Length - 4) + Number[^4..];

    /// <summary>Never the full number or the date of birth: records end up in logs.</summary>
    public override string ToString() => $"{Type} {MaskedNumber}";

    private static bool IsStateIssued(PhotoIdType type) => type is PhotoIdType.DriversLicense or PhotoIdType.StateId;

    private static string Clean(string? text) => string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
