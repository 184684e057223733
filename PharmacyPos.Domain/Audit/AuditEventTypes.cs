namespace PharmacyPos.Domain.Audit;

/// <summary>What happened, in the pharmacy's words. Each audit record carries exactly one of these.</summary>
public static class AuditEventTypes
{
    public const int MaxLength = 40;

    public const string SignIn = nameof(SignIn);
    public const string SignOut = nameof(SignOut);
    public const string SignInFailed = nameof(SignInFailed);
    public const string LockedOut = nameof(LockedOut);
    public const string RegisterLocked = nameof(RegisterLocked);
    public const string RegisterUnlocked = nameof(RegisterUnlocked);
    /// <summary>A screen took over a register (and its open sale) that another live screen held.</summary>
    public const string RegisterTakenOver = nameof(RegisterTakenOver);
    public const string SaleCompleted = nameof(SaleCompleted);
    public const string SaleVoided = nameof(SaleVoided);
    public const string LineVoided = nameof(LineVoided);
    public const string RefundIssued = nameof(RefundIssued);
    public const string PriceOverridden = nameof(PriceOverridden);
    public const string DiscountApplied = nameof(DiscountApplied);
    public const string StockAdjusted = nameof(StockAdjusted);
    public const string StockReceived = nameof(StockReceived);
    public const string ControlledSubstanceSold = nameof(ControlledSubstanceSold);
    public const string ListedChemicalSold = nameof(ListedChemicalSold);
    public const string ListedChemicalRefused = nameof(ListedChemicalRefused);
    public const string AgeVerified = nameof(AgeVerified);
    public const string PrescriptionVerified = nameof(PrescriptionVerified);
    public const string PrescriptionPickedUp = nameof(PrescriptionPickedUp);
    public const string PatientRecordViewed = nameof(PatientRecordViewed);
    public const string PatientRecordChanged = nameof(PatientRecordChanged);
    public const string PolicyChanged = nameof(PolicyChanged);
    public const string UserChanged = nameof(UserChanged);
    public const string ComplianceOverride = nameof(ComplianceOverride);
    public const string ComplianceRefused = nameof(ComplianceRefused);
    /// <summary>A controlled prescription-only drug was scanned or picked as a store item and kept out of the sale.</summary>
    public const string PrescriptionItemRefused = nameof(PrescriptionItemRefused);
    /// <summary>Part of the audit trail was exported (to CSV, for an inspector): what was taken is itself recorded.</summary>
    public const string AuditExported = nameof(AuditExported);
    /// <summary>Listed-chemical logbook entries were exported (to CSV, for DEA or police): the criteria are recorded.</summary>
    public const string LogbookExported = nameof(LogbookExported);
    /// <summary>
    /// Records waited too long to be sealed into the hash chain, or one was found outside it: written by
    /// the application, once per gap, so that the trail itself shows when its chain was in doubt.
    /// </summary>
    public const string AuditChainGap = nameof(AuditChainGap);

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignOut, SignInFailed, LockedOut, RegisterLocked, RegisterUnlocked, RegisterTakenOver,
        SaleCompleted, SaleVoided, LineVoided, RefundIssued, PriceOverridden, DiscountApplied,
        StockAdjusted, StockReceived,
        ControlledSubstanceSold, ListedChemicalSold, ListedChemicalRefused, AgeVerified,
        PrescriptionVerified, PrescriptionPickedUp, PatientRecordViewed, PatientRecordChanged,
        PolicyChanged, UserChanged, ComplianceOverride, ComplianceRefused, AuditExported, LogbookExported, AuditChainGap, PrescriptionItemRefused,
    ];

    /// <summary>
    /// Events where a person set aside what the register would have done: a void, a refund,
    /// an override or a stock adjustment. Each needs the reason the person gave.
    /// </summary>
    public static readonly IReadOnlySet<string> RequiringReason = new HashSet<string>(StringComparer.Ordinal)
    {
        SaleVoided, LineVoided, RefundIssued, PriceOverridden, StockAdjusted, ComplianceOverride,
    };

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string? eventType) => eventType is not null && Known.Contains(eventType);
}
