namespace PharmacyPos.Web.Infrastructure.Persistence;

/// <summary>
/// Marks a migration that removes or renames something (a contract step, docs/operations.md "Migrations"): the
/// deployment's <c>migrate expand</c> stops before it, and <c>migrate contract</c> applies it after the swap, when no
/// running version uses the old shape. scripts/check-migrations.sh asks for it beside the file's contract-step comment.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ContractStepAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

/// <summary>Which migrations a run applies.</summary>
public enum MigrationPhase
{
    /// <summary>Every pending migration (development, the embedded default, a new server).</summary>
    All,
    /// <summary>Pending migrations up to the first contract step: safe while the previous version serves.</summary>
    Expand,
    /// <summary>Everything still pending, contract steps included: after the swap.</summary>
    Contract,
}
