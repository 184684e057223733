using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>Claims added at sign-in that say where this member of staff is working now.</summary>
public static class PosClaims
{
    public const string Branch = "pos:branch";
    public const string Register = "pos:register";
    public const string Session = "pos:session";
    public const string DisplayName = "pos:name";
    public const string BranchName = "pos:branch-name";

    /// <summary>The claims <see cref="StaffSignIn"/> adds, which the user's record in the database cannot rebuild.</summary>
    public static readonly IReadOnlySet<string> SignInClaims = new HashSet<string>(StringComparer.Ordinal)
        { Branch, Register, Session, DisplayName, BranchName };

    /// <summary>Carries the sign-in claims over when Identity rebuilds the principal after re-checking the security stamp.</summary>
    public static Task KeepSignInClaims(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is not ClaimsIdentity renewed || context.CurrentPrincipal is not { } current)
            return Task.CompletedTask;
        foreach (var claim in current.Claims.Where(c => SignInClaims.Contains(c.Type)))
        {
            if (!renewed.HasClaim(c => c.Type == claim.Type))
                renewed.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType, claim.Issuer));
        }
        return Task.CompletedTask;
    }

    public static Guid? BranchId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Branch), out var id) ? id : null;

    public static string RegisterName(this ClaimsPrincipal user) => user.FindFirstValue(Register) ?? "";

    public static string SessionId(this ClaimsPrincipal user) => user.FindFirstValue(Session) ?? "";

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    public static string Name(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}
