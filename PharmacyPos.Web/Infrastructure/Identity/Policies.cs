using Microsoft.AspNetCore.Authorization;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>
/// Named authorization policies: pages and endpoints ask for one of these, never for a role string.
/// Who may do what is decided here, in one place.
/// </summary>
public static class Policies
{
    /// <summary>Selling at the register: counter staff, pharmacists and managers.</summary>
    public const string Counter = nameof(Counter);
    /// <summary>What the law reserves to a pharmacist: verifying fills, approving restricted sales, the logbook.</summary>
    public const string Pharmacist = nameof(Pharmacist);
    /// <summary>Reading the audit trail: pharmacists and managers, never cashiers.</summary>
    public const string AuditReview = nameof(AuditReview);
    /// <summary>Stock, prices, cash and reports for a branch.</summary>
    public const string BackOffice = nameof(BackOffice);
    /// <summary>Users and branch policy.</summary>
    public const string Administration = nameof(Administration);
    /// <summary>Anyone signed in: the home page, product look-up.</summary>
    public const string SignedIn = nameof(SignedIn);

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [Counter] = [StaffRole.Cashier, StaffRole.Pharmacist, StaffRole.Manager],
        [Pharmacist] = [StaffRole.Pharmacist],
        [AuditReview] = [StaffRole.Pharmacist, StaffRole.Manager],
        [BackOffice] = [StaffRole.Manager],
        [Administration] = [StaffRole.Admin],
        [SignedIn] = [.. StaffRole.All],
    };

    public static AuthorizationBuilder AddPosPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in Roles)
            builder.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        // Every endpoint without its own policy still needs a signed-in member of staff.
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole([.. StaffRole.All]).Build());
        return builder;
    }
}
