using PharmacyPos.Domain.Audit;

namespace PharmacyPos.Tests.Domain.Audit;

public class AuditCanonicalFormTests
{
    private static AuditEvent Override() => AuditEvent.Restore(
        42, Guid.Parse("0195a3c4-1e5b-7c2a-9f00-00000000002a"),
        new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero).AddTicks(5_358_970),
        Guid.Parse("0195a3c4-0000-7000-8000-000000000007"), "José \"Pepe\" Núñez", "Cashier",
        Guid.Parse("0195a3c4-0000-7000-8000-000000000001"), "R2", AuditEventTypes.PriceOverridden,
        "SaleLine", "L-7", """{"price":"4.99"}""", """{"price":"3.99"}""", "Tag says 3.99\tline\u0001",
        Guid.Parse("0195a3c4-0000-7000-8000-000000000009"), "Sam Okafor", null,
        Guid.Parse("0195a3c4-0000-7000-8000-0000000000aa"), 4);

    // Written out by hand from the rules in the AuditCanonicalForm summary. If this test fails,
    // every hash already written would stop verifying: change the form only with a new version.
    private const string Golden =
        """{"after":"{\"price\":\"3.99\"}","approvedByName":"Sam Okafor","approvedByUserId":"0195a3c4-0000-7000-8000-000000000009","before":"{\"price\":\"4.99\"}","branchId":"0195a3c4-0000-7000-8000-000000000001","deaSchedule":4,"entityId":"L-7","entityType":"SaleLine","eventType":"PriceOverridden","id":"0195a3c4-1e5b-7c2a-9f00-00000000002a","occurredAt":"2025-03-14T15:09:26.5358970Z","patientId":null,"productId":"0195a3c4-0000-7000-8000-0000000000aa","reason":"Tag says 3.99\tline\u0001","register":"R2","role":"Cashier","sequence":42,"userId":"0195a3c4-0000-7000-8000-000000000007","userName":"José \"Pepe\" Núñez","v":1}""";

    [Fact]
    public void Canonical_form_is_the_documented_text() =>
        Assert.Equal(Golden, AuditCanonicalForm.Serialize(Override()));

    [Fact]
    public void Canonical_form_does_not_depend_on_the_current_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            Assert.Equal(Golden, AuditCanonicalForm.Serialize(Override()));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Members_are_in_rfc_8785_order() =>
        Assert.Equal(AuditCanonicalForm.MemberNames.Order(StringComparer.Ordinal), AuditCanonicalForm.MemberNames);

    [Fact]
    public void Canonical_form_is_json_with_every_member()
    {
        using var json = System.Text.Json.JsonDocument.Parse(AuditCanonicalForm.Serialize(AuditSamples.Saved(3)));
        Assert.Equal(AuditCanonicalForm.MemberNames, json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Hash_is_sha256_of_previous_hash_newline_and_canonical_form()
    {
        var expected = Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AuditHash.Genesis + "\n" + Golden)));
        Assert.Equal(expected, AuditHash.Compute(AuditHash.Genesis, Override()));
        Assert.True(AuditHash.IsWellFormed(expected));
    }

    [Fact]
    public void Sha256_matches_the_published_test_vector() =>
        Assert.Equal(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", // FIPS 180-2, appendix B.1, "abc"
            AuditHash.Sha256Hex("abc"u8));
}
