namespace PharmacyPos.Web.Features.Counter.Returns;

/// <summary>What the cashier picked for one sale line on the return screen.</summary>
public sealed class ReturnChoice
{
    public int Quantity { get; set; }
    public bool Damaged { get; set; }
}
