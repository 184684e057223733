using System.Security.Claims;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// One screen at a register: <paramref name="Id"/> is made per page session (Blazor circuit), <paramref name="SignIn"/>
/// is the browser's sign-in (a reload keeps it), <paramref name="Name"/> is who is at it, as another screen is told.
/// </summary>
public sealed record RegisterScreen(Guid Id, string SignIn, string Name)
{
    public const int SignInMaxLength = 64;
    public const int NameMaxLength = 160;

    public static RegisterScreen Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        // Without a sign-in session (a test principal), the user stands for it: the same person's next screen takes over.
        var signIn = user.FindFirst(PosClaims.Session)?.Value is { Length: > 0 } s ? s : $"user:{user.UserId()}";
        var userName = user.Identity?.Name ?? "someone";
        var display = user.FindFirst(PosClaims.DisplayName)?.Value;
        var name = display is { Length: > 0 } && display != userName ? $"{display} ({userName})" : userName;
        return new RegisterScreen(Guid.NewGuid(), Clip(signIn, SignInMaxLength), Clip(name, NameMaxLength));
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}

/// <summary>What opening a register found.</summary>
public abstract record RegisterOpening
{
    /// <summary>This screen holds the register now, with its open sale (<paramref name="Version"/> as last written).</summary>
    public sealed record Opened(CartSnapshot Cart, int Version) : RegisterOpening;

    /// <summary>Another live screen holds the register; this one may take it over.</summary>
    public sealed record HeldElsewhere(string By, DateTimeOffset Since) : RegisterOpening;
}

/// <summary>What a write of the open cart did.</summary>
public abstract record CartWrite
{
    public sealed record Saved(int Version) : CartWrite;

    /// <summary>Another screen took the register over: this one is locked and wrote nothing.</summary>
    public sealed record TakenOver(string By) : CartWrite;

    /// <summary>The cart was changed since this screen read it: it wrote nothing and must reload.</summary>
    public sealed record ChangedElsewhere(CartSnapshot Current, int Version) : CartWrite;

    /// <summary>The sale was completed, voided or resumed elsewhere: it is no longer open here.</summary>
    public sealed record Gone : CartWrite;
}
