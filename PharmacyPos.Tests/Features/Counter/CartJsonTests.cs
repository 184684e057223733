using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Features.Counter.Register;

namespace PharmacyPos.Tests.Features.Counter;

public class CartJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_evidence_and_the_commands_of_a_cart_read_back_as_they_were_written()
    {
        var pharmacist = Guid.CreateVersion7();
        var evidence = new SaleEvidence
        {
            PatientId = Guid.CreateVersion7(),
            PurchaserId = PhotoId.Create(PhotoIdType.DriversLicense, "D7654321", "TX", new DateOnly(1980, 5, 17), "Pat Doe",
                "9 Elm Street, Austin, TX 78701", new DateOnly(2030, 5, 17), new DateOnly(2026, 11, 26)),
            FillIds = { Guid.CreateVersion7() },
        };
        evidence.Approvals.Add(ComplianceDecision.NeedsApproval("Pharmacist", "Schedule V sale needs a pharmacist.").ApproveBy(pharmacist, "Pharmacist", At));
        var cart = new CartSnapshot
        {
            SaleId = Guid.CreateVersion7(),
            SaleNumber = "S261126120000123456",
            Register = "R1",
            OpenedAt = At,
            PricedAt = At.AddMinutes(2),
            Lines = [new CartLine(Guid.CreateVersion7(), 2, 5.49m, null, new CartDiscount(DiscountKind.Percentage, 10m, "Damaged"), null, null)],
            Tenders = [new CartTender(TenderKind.Card, 3.00m, null, "Visa", "4242", "A1234567", "TX123")],
            PendingCard = new CardAttempt("key-1", 1.14m, false),
            Evidence = evidence,
        };

        var back = CartJson.Deserialize(CartJson.Serialize(cart));

        Assert.Equal(CartJson.Serialize(cart), CartJson.Serialize(back));
        Assert.Equal("D7654321", back.Evidence.PurchaserId!.Number);
        Assert.Equal(new DateOnly(1980, 5, 17), back.Evidence.PurchaserId.DateOfBirth);
        var approval = Assert.Single(back.Evidence.Approvals);
        Assert.Equal(pharmacist, approval.ApproverId);
        Assert.True(approval.Decision.IsAwaitingApproval);
        Assert.Equal("Schedule V sale needs a pharmacist.", approval.Decision.Reason);
        Assert.Equal(cart.Lines, back.Lines);
        Assert.Equal(cart.Tenders, back.Tenders);
        Assert.Equal(cart.PendingCard, back.PendingCard);
    }
}
