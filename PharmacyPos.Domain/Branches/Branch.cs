using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Branches;

/// <summary>A pharmacy of the chain: its address, time zone, tax rates and counter policy.</summary>
public sealed class Branch : Entity
{
    public const int CodeMaxLength = 16;
    public const int NameMaxLength = 120;

    private readonly List<BranchTaxRate> _taxRates = [];

    private Branch() { }

    public Branch(string code, string name, string address, string stateCode, string timeZoneId)
    {
        Code = Text.Required(code, CodeMaxLength, "branch code");
        Name = Text.Required(name, NameMaxLength, "branch name");
        Address = address.Trim();
        StateCode = stateCode.Trim().ToUpperInvariant();
        if (StateCode.Length != 2)
            throw new DomainException("The state is its two-letter code, for example TX.");
        TimeZoneId = timeZoneId;
        _ = TimeZone; // validates the id
        foreach (var taxClass in Enum.GetValues<TaxClass>())
            _taxRates.Add(new BranchTaxRate(taxClass, Percentage.Zero));
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string StateCode { get; private set; } = "";
    /// <summary>IANA time zone id; every time is stored in UTC and shown in this zone.</summary>
    public string TimeZoneId { get; private set; } = "";
    public BranchPolicy Policy { get; private set; } = new();
    public IReadOnlyCollection<BranchTaxRate> TaxRates => _taxRates;

    public TimeZoneInfo TimeZone =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone)
            ? zone
            : throw new DomainException($"\"{TimeZoneId}\" is not a known time zone.");

    /// <summary>The branch's calendar date at an instant: the day a purchase counts toward.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    public DateTimeOffset LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    public Percentage TaxRateFor(TaxClass taxClass) =>
        _taxRates.FirstOrDefault(r => r.TaxClass == taxClass)?.Rate ?? Percentage.Zero;

    public void SetTaxRate(TaxClass taxClass, Percentage rate)
    {
        _taxRates.RemoveAll(r => r.TaxClass == taxClass);
        _taxRates.Add(new BranchTaxRate(taxClass, rate));
    }
}
