using PharmacyPos.Domain.Compliance;

namespace PharmacyPos.Web.Features.Pharmacy.Checkout;

/// <summary>
/// The signature captured at the counter for a sale: the listed-chemical logbook's signature
/// (21 CFR 1314.30(d)) and the patient's at prescription pickup. One per sale; logbook entries
/// point at it through <see cref="Reference"/>.
/// </summary>
public sealed class SaleSignature
{
    public const string ReferencePrefix = "sale_signatures/";

    private SaleSignature() { }

    public SaleSignature(Guid saleId, PatientSignature signature, DateTimeOffset capturedAt)
    {
        ArgumentNullException.ThrowIfNull(signature);
        SaleId = saleId;
        Format = signature.Format;
        Data = signature.Data;
        PointCount = signature.PointCount;
        CapturedAt = capturedAt.ToUniversalTime();
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SaleId { get; private set; }
    public SignatureFormat Format { get; private set; }
    public string Data { get; private set; } = "";
    public int PointCount { get; private set; }
    public DateTimeOffset CapturedAt { get; private set; }

    /// <summary>What a logbook entry keeps as its signature reference.</summary>
    public string Reference => ReferencePrefix + Id.ToString("N");
}
