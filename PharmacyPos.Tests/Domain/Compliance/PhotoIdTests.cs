using FsCheck.Xunit;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Compliance;

public class PhotoIdTests
{
    private static readonly DateOnly Today = new(2028, 3, 1);
    private static readonly DateOnly Born = new(1990, 7, 4);

    private static bool Try(PhotoIdType type = PhotoIdType.DriversLicense, string? number = "D123-4567-8901", string? issuedBy = "il",
        DateOnly? born = null, string? name = "Maria  Lopez", string? address = "12 Elm St, Springfield IL 62701",
        DateOnly? expires = null, string? expect = null)
    {
        var ok = PhotoId.TryCreate(type, number, issuedBy, born ?? Born, name, address, expires, Today, out var id, out var error);
        if (expect is not null)
            Assert.Equal(expect, error);
        Assert.Equal(ok, id is not null);
        return ok;
    }

    [Fact]
    public void Accepts_a_driver_license_and_tidies_what_was_typed()
    {
        var id = PhotoId.Create(PhotoIdType.DriversLicense, " d123-4567-8901 ", "il", Born, "Maria  Lopez", " 12 Elm St ", new DateOnly(2030, 7, 4), Today);
        Assert.Equal("D123-4567-8901", id.Number);
        Assert.Equal("IL", id.IssuedBy);
        Assert.Equal("Maria Lopez", id.FullName);
        Assert.Equal(37, id.AgeOn(Today));
    }

    [Fact]
    public void Refuses_a_date_of_birth_in_the_future() =>
        Assert.False(Try(born: Today.AddDays(1), expect: "The ID's date of birth is in the future; check the ID."));

    [Fact]
    public void Refuses_an_expired_ID_but_accepts_one_expiring_today()
    {
        Assert.False(Try(expires: Today.AddDays(-1), expect: "This ID expired on February 29, 2028; ask for an ID that is still valid."));
        Assert.True(Try(expires: Today));
        Assert.True(Try(expires: null));
    }

    [Theory]
    [InlineData("", "IL", "Maria Lopez", "12 Elm St", "Enter the ID number.")]
    [InlineData("D123", "", "Maria Lopez", "12 Elm St", "Enter the state that issued the ID.")]
    [InlineData("D123", "Illinois", "Maria Lopez", "12 Elm St", "Enter the issuing state as its two-letter code, for example TX.")]
    [InlineData("D123", "IL", "  ", "12 Elm St", "Enter the name on the ID.")]
    [InlineData("D123", "IL", "Maria Lopez", "", "Enter the purchaser's address.")]
    [InlineData("D123;DROP", "IL", "Maria Lopez", "12 Elm St", "An ID number has only letters, digits, spaces and hyphens.")]
    public void Refuses_blank_or_bad_fields(string number, string issuedBy, string name, string address, string expected) =>
        Assert.False(Try(number: number, issuedBy: issuedBy, name: name, address: address, expect: expected));

    [Fact]
    public void A_passport_is_issued_by_a_country_not_a_state() =>
        Assert.True(Try(type: PhotoIdType.Passport, number: "X12345678", issuedBy: "United States"));

    [Fact]
    public void Refuses_a_date_of_birth_too_long_ago() =>
        Assert.False(Try(born: new DateOnly(1890, 1, 1)));

    [Fact]
    public void Shows_only_the_last_four_characters_of_the_number()
    {
        var id = PhotoId.Create(PhotoIdType.StateId, "S12345678", "TX", Born, "Maria Lopez", "1 Main St", null, Today);
        Assert.Equal("•••••5678", id.MaskedNumber);
        Assert.DoesNotContain("S12345678", id.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_throws_the_reason() =>
        Assert.Equal("The ID's date of birth is in the future; check the ID.",
            Assert.Throws<DomainException>(() => PhotoId.Create(PhotoIdType.MilitaryId, "1234567890", "DoD", Today.AddYears(1), "A B", "1 Main", null, Today)).Message);

    [Property]
    public bool Any_typed_fields_give_an_ID_or_a_reason(string? number, string? issuedBy, string? name, string? address, int days)
    {
        var born = Today.AddDays(-Math.Abs(days % 50_000) + 100);
        return PhotoId.TryCreate(PhotoIdType.DriversLicense, number, issuedBy, born, name, address, null, Today, out var id, out var error)
            ? id is not null && error is null && id.DateOfBirth <= Today
            : id is null && !string.IsNullOrWhiteSpace(error);
    }
}
