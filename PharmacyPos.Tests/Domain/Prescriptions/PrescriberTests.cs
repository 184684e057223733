using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Tests.Domain.Prescriptions;

public class PrescriberTests
{
    private static readonly Npi CmsExample = Npi.Parse("1234567893");

    [Fact]
    public void A_DEA_number_matching_the_last_name_needs_no_second_look() =>
        Assert.True(new Prescriber("Ann", "Smith", CmsExample, DeaNumber.Parse("FS1234563")).CheckDeaMatchesName().IsAllowed);

    [Fact]
    public void A_DEA_number_not_matching_the_last_name_goes_to_the_pharmacist()
    {
        var decision = new Prescriber("Ann", "Smith", CmsExample, DeaNumber.Parse("AB1234563")).CheckDeaMatchesName();
        Assert.True(decision.IsAwaitingApproval);
        Assert.Equal(StaffRole.Pharmacist, decision.ApproverRole);
        Assert.Contains("does not match", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prescriber_without_a_DEA_number_cannot_prescribe_controlled_substances()
    {
        var prescriber = new Prescriber("Ann", "Smith", CmsExample, dea: null);
        Assert.False(prescriber.CanPrescribeControlledSubstances);
        Assert.True(prescriber.CheckDeaMatchesName().IsRefused);
    }

    [Theory]
    [InlineData("", "Smith", "first name")]
    [InlineData("Ann", "  ", "last name")]
    public void Names_are_required(string first, string last, string what) =>
        Assert.Contains(what, Assert.Throws<DomainException>(() => new Prescriber(first, last, CmsExample, null)).Message, StringComparison.Ordinal);

    [Fact]
    public void An_NPI_is_required() =>
        Assert.Throws<DomainException>(() => new Prescriber("Ann", "Smith", default, null));
}
