using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Compliance.Counter;
using static PharmacyPos.Tests.Domain.Prescriptions.Rx;

namespace PharmacyPos.Tests.Domain.Prescriptions;

public class FillTests
{
    private static (Fill Fill, DateTimeOffset At) NewFill()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 10, 0);
        var rx = Written(DeaSchedule.None, refills: 1, new DateOnly(2028, 3, 1));
        return (Start(rx, branch, at), at);
    }

    [Fact]
    public void An_unverified_fill_cannot_be_sold()
    {
        var (fill, at) = NewFill();
        Assert.Equal("This prescription has not been verified by a pharmacist and cannot be sold.",
            Assert.Throws<DomainException>(fill.EnsureSellable).Message);

        fill.SubmitForVerification();
        Assert.Equal(Fill.NotVerifiedMessage, Assert.Throws<DomainException>(() => fill.MarkPickedUp(Guid.CreateVersion7(), at)).Message);
        Assert.Equal(FillStatus.AwaitingVerification, fill.Status);
        Assert.Null(fill.SaleId);
    }

    [Fact]
    public void A_verified_fill_goes_through_pickup()
    {
        var (fill, at) = NewFill();
        fill.SubmitForVerification();
        fill.Verify(Pharmacist, at.AddMinutes(20));
        fill.PlaceInBin("b-14");
        Assert.Equal("B-14", fill.BinLocation);
        fill.EnsureSellable();

        var sale = Guid.CreateVersion7();
        fill.MarkPickedUp(sale, at.AddHours(3));

        Assert.Equal(FillStatus.PickedUp, fill.Status);
        Assert.Equal(Pharmacist, fill.VerifiedBy);
        Assert.Equal(at.AddMinutes(20), fill.VerifiedAt);
        Assert.Equal(sale, fill.SaleId);
        Assert.Null(fill.BinLocation);
        Assert.Equal(Money.Of(10m), fill.PatientCopay);
    }

    [Fact]
    public void A_fill_cannot_be_verified_before_it_is_sent_for_verification()
    {
        var (fill, at) = NewFill();
        Assert.Throws<DomainException>(() => fill.Verify(Pharmacist, at));
        Assert.False(fill.IsVerified);
    }

    [Fact]
    public void A_verification_names_the_pharmacist()
    {
        var (fill, at) = NewFill();
        fill.SubmitForVerification();
        Assert.Throws<DomainException>(() => fill.Verify(Guid.Empty, at));
    }

    [Fact]
    public void A_picked_up_fill_cannot_be_sold_again_or_returned_to_stock()
    {
        var (fill, at) = NewFill();
        Verified(fill, at).MarkPickedUp(Guid.CreateVersion7(), at.AddHours(1));
        Assert.Contains("already been picked up", Assert.Throws<DomainException>(fill.EnsureSellable).Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => fill.ReturnToStock(at.AddDays(1)));
    }

    [Fact]
    public void A_fill_returned_to_stock_cannot_be_sold()
    {
        var (fill, at) = NewFill();
        Verified(fill, at).PlaceInBin("A-1");
        fill.ReturnToStock(at.AddDays(14));
        Assert.Equal(FillStatus.ReturnedToStock, fill.Status);
        Assert.Null(fill.BinLocation);
        Assert.Contains("returned to stock", Assert.Throws<DomainException>(fill.EnsureSellable).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_verified_fill_goes_in_a_bin()
    {
        var (fill, _) = NewFill();
        Assert.Throws<DomainException>(() => fill.PlaceInBin("A-1"));
    }

    [Fact]
    public void A_pickup_cannot_be_earlier_than_the_verification()
    {
        var (fill, at) = NewFill();
        Verified(fill, at.AddHours(1));
        Assert.Throws<DomainException>(() => fill.MarkPickedUp(Guid.CreateVersion7(), at));
        Assert.Equal(FillStatus.ReadyForPickup, fill.Status);
    }
}
