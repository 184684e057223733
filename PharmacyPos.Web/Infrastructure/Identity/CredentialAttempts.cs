using System.Security.Claims;
using System.Threading.RateLimiting;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>
/// Limits wrong user names and passwords, at sign-in and in the approval dialogs (a manager's or pharmacist's name
/// and password typed at a register), per client and per user name, with ASP.NET Core's rate limiters.
/// <para>
/// Only failures are counted: a pharmacist approving forty restricted sales in an hour is never slowed down.
/// Per client (a device's address at sign-in, the register at an approval) the limit is tight; per user name it is
/// looser and reached only from several clients at once, so one register cannot use up a pharmacist's allowance.
/// </para>
/// <para>
/// Approval dialogs do not count toward the approver's Identity lockout: a cashier typing wrong passwords against
/// the pharmacist's name would otherwise lock the pharmacist out of signing in and of every approval in the branch.
/// These limits bound guessing instead. Sign-in keeps Identity's lockout (see the README).
/// </para>
/// </summary>
public sealed class CredentialAttempts : IDisposable
{
    public const int FailuresPerClient = 8;
    public static readonly TimeSpan ClientWindow = TimeSpan.FromMinutes(5);
    public const int FailuresPerUserName = 30;
    public static readonly TimeSpan UserNameWindow = TimeSpan.FromMinutes(15);

    public const string TooMany = "Too many wrong user names or passwords. Wait a few minutes and try again, or ask a manager.";

    private readonly PartitionedRateLimiter<string> _perClient = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerClient,
            Window = ClientWindow,
            QueueLimit = 0,
        }));

    private readonly PartitionedRateLimiter<string> _perUserName = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerUserName,
            Window = UserNameWindow,
            QueueLimit = 0,
        }));

    /// <summary>The client of an approval typed at a register: that register of that branch, else the signed-in member of staff.</summary>
    public static string ClientOf(ClaimsPrincipal signedIn) =>
        signedIn.RegisterName() is { Length: > 0 } register
            ? RegisterClient(signedIn.BranchId(), register)
            : $"staff:{signedIn.UserId():N}";

    /// <summary>The client of an approval typed at <paramref name="register"/> of a branch.</summary>
    public static string RegisterClient(Guid? branchId, string? register) =>
        $"register:{branchId:N}:{(register ?? "").Trim().ToUpperInvariant()}";

    /// <summary>True when the client or the user name has used up its failures: refuse without checking the password.</summary>
    public bool IsBlocked(string client, string? userName)
    {
        // Asking for no permit tells whether any is left, and takes none.
        using var byClient = _perClient.AttemptAcquire(ClientKey(client), 0);
        using var byName = _perUserName.AttemptAcquire(NameKey(userName), 0);
        return !byClient.IsAcquired || !byName.IsAcquired;
    }

    /// <summary>Counts one wrong user name or password against the client and the user name.</summary>
    public void Failed(string client, string? userName)
    {
        using var byClient = _perClient.AttemptAcquire(ClientKey(client));
        using var byName = _perUserName.AttemptAcquire(NameKey(userName));
    }

    private static string ClientKey(string client) => string.IsNullOrWhiteSpace(client) ? "unknown" : client;

    // Identity compares user names without regard to case; so does the limit.
    private static string NameKey(string? userName) => (userName ?? "").Trim().ToUpperInvariant();

    public void Dispose()
    {
        _perClient.Dispose();
        _perUserName.Dispose();
    }
}
