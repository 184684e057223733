using System.Security.Claims;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>Claims added at sign-in that say where this member of staff is working now.</summary>
public static class PosClaims
{
    public const string Branch = "pos:branch";
    public const string Register = "pos:register";
    public const string Session = "pos:session";
    public const string DisplayName = "pos:name";
    public const string BranchName = "pos:branch-name";

    public static Guid? BranchId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Branch), out var id) ? id : null;

    public static string RegisterName(this ClaimsPrincipal user) => user.FindFirstValue(Register) ?? "";

    public static string SessionId(this ClaimsPrincipal user) => user.FindFirstValue(Session) ?? "";

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    public static string Name(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}
