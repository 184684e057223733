namespace PharmacyPos.Domain.Staff;

/// <summary>The four roles of a pharmacy's staff. Each person has exactly one.</summary>
public static class StaffRole
{
    public const string Cashier = nameof(Cashier);
    public const string Pharmacist = nameof(Pharmacist);
    public const string Manager = nameof(Manager);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [Cashier, Pharmacist, Manager, Admin];
}
