using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Prescribing;

/// <summary>
/// `pathway grant EMAIL --pharmacy CODE`: links a pharmacist's account to their pharmacy (registering the pharmacy, with
/// --pharmacy-name, when it is new), or with --withdraw unlinks it. Audited as the operator's change.
/// </summary>
public static class PharmacyGrant
{
    public static async Task<int> RunAsync(CliConsole console, DatabaseTarget target, string email, string code, string? name, bool withdraw,
        CancellationToken cancel)
    {
        code = code.Trim().ToUpperInvariant();
        if (PrescriptionRules.PharmacyOdsCode(code) is { } wrong)
        {
            console.Error.WriteLine($"--pharmacy {wrong}.");
            return ExitCodes.Usage;
        }
        await SchemaRules.EnsureUsableAsync(target, cancel);
        await using var db = target.CreateDb();
        var normalised = email.Trim().ToUpperInvariant();
        var user = await db.Users.Where(u => u.NormalizedEmail == normalised).SingleOrDefaultAsync(cancel);
        var pharmacist = user is not null && await db.UserRoles.AnyAsync(r => r.UserId == user.Id
            && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Pharmacist), cancel);
        if (user is null || !pharmacist)
        {
            console.Error.WriteLine("No pharmacist signs in with that email.");
            return ExitCodes.Refused;
        }
        if (withdraw)
        {
            if (user.PharmacyOdsCode == code) user.PharmacyOdsCode = null;
        }
        else
        {
            if (!await db.Pharmacies.AnyAsync(p => p.OdsCode == code, cancel))
            {
                if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
                {
                    console.Error.WriteLine($"{code} is new to Pathway: give its name (up to 200 characters) with --pharmacy-name.");
                    return ExitCodes.Refused;
                }
                db.Pharmacies.Add(new Pharmacy { OdsCode = code, Name = name.Trim() });
            }
            user.PharmacyOdsCode = code;
        }
        db.AuditEvents.Add(AuditTrail.CommandLine(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.StaffUser,
            $"{user.Id[..Math.Min(user.Id.Length, 20)]} pharmacy {code}{(withdraw ? " withdrawn" : "")}"));
        await db.SaveChangesAsync(cancel);
        console.Out.WriteLine(withdraw ? $"{code} withdrawn." : $"{code} granted.");
        return ExitCodes.Done;
    }
}
