using MudBlazor;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Components.Layout;

/// <summary>The navigation, each entry guarded by the same policy as its page, so a role sees only what it may open.</summary>
public static class NavItems
{
    public sealed record Item(string Key, string Title, string Href, string Icon, string Policy);

    public static readonly IReadOnlyList<Item> All =
    [
        new("home", "Start", "/", Icons.Material.Filled.Home, Policies.SignedIn),
        new("register", "Register", "/counter", Icons.Material.Filled.PointOfSale, Policies.Counter),
        new("products", "Products", "/products", Icons.Material.Filled.Medication, Policies.SignedIn),
        new("returns", "Returns", "/counter/returns", Icons.Material.Filled.AssignmentReturn, Policies.Counter),
        new("history", "Sale history", "/counter/history", Icons.Material.Filled.ReceiptLong, Policies.Counter),
        new("stock", "Stock", "/stock", Icons.Material.Filled.Inventory, Policies.BackOffice),
        new("audit", "Audit trail", "/audit", Icons.Material.Filled.FactCheck, Policies.AuditReview),
        new("users", "Staff", "/admin/staff", Icons.Material.Filled.People, Policies.Administration),
        new("fills", "Verify fills", "/pharmacy/fills", Icons.Material.Filled.FactCheck, Policies.Pharmacist),
        new("logbook", "Logbook", "/pharmacy/logbook", Icons.Material.Filled.MenuBook, Policies.Pharmacist),
        new("policy", "Branch policy", "/admin/policy", Icons.Material.Filled.Policy, Policies.Administration),
    ];
}
