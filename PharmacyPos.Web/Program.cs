using PharmacyPos.Web;

// `dotnet PharmacyPos.Web.dll` serves the app; `... migrate` applies migrations and exits;
// `... audit verify` checks the audit trail and exits non-zero on a break (see README).
return await PosHost.RunAsync(args);

public partial class Program;
