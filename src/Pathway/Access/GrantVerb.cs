using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Access;

/// <summary>
/// `pathway grant`: gives a data officer a further provider whose records they load and export (a deployment the
/// commissioner owns, with one data officer for several providers), or takes it away. Audited as the operator's change.
/// </summary>
public static class GrantVerb
{
    public static Command Create(CliConsole console)
    {
        var email = new Argument<string>("EMAIL") { Description = "The data officer's sign-in email." };
        var provider = new Option<string?>("--provider") { Description = "The provider code to grant a data officer." };
        var pharmacy = new Option<string?>("--pharmacy") { Description = "The ODS code of the pharmacy a pharmacist works at (their one dose list)." };
        var pharmacyName = new Option<string?>("--pharmacy-name") { Description = "The pharmacy's name, when the pharmacy is new to Pathway." };
        var withdraw = new Option<bool>("--withdraw") { Description = "Take the provider (or the pharmacy) away again." };
        var command = new Command("grant", "Give a data officer a further provider's records to load and export, or a pharmacist their pharmacy.")
        {
            email, provider, pharmacy, pharmacyName, withdraw,
        };
        command.SetAction(async (parse, cancel) =>
        {
            if ((parse.GetValue(provider) is null) == (parse.GetValue(pharmacy) is null))
            {
                console.Error.WriteLine("Give either --provider (a data officer) or --pharmacy (a pharmacist).");
                return ExitCodes.Usage;
            }
            if (parse.GetValue(pharmacy) is { } ods)
                return await Prescribing.PharmacyGrant.RunAsync(console, PathwayCommand.Target(parse), parse.GetValue(email)!, ods,
                    parse.GetValue(pharmacyName), parse.GetValue(withdraw), cancel);
            var code = parse.GetValue(provider)!.Trim();
            if (code.Length is 0 or > 20)
            {
                console.Error.WriteLine("--provider must be a provider code of 1 to 20 characters.");
                return ExitCodes.Usage;
            }
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            await using var db = target.CreateDb();
            var normalised = parse.GetValue(email)!.Trim().ToUpperInvariant();
            var user = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => new { u.Id, u.ProviderCode }).SingleOrDefaultAsync(cancel);
            var officer = user is not null && await db.UserRoles.AnyAsync(r => r.UserId == user.Id
                && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.DataOfficer), cancel);
            if (user is null || !officer)
            {
                console.Error.WriteLine("No data officer signs in with that email.");
                return ExitCodes.Refused;
            }
            var held = await db.StaffProviderGrants.SingleOrDefaultAsync(g => g.UserId == user.Id && g.ProviderCode == code, cancel);
            if (parse.GetValue(withdraw)) { if (held is not null) db.StaffProviderGrants.Remove(held); }
            else if (held is null && user.ProviderCode != code) db.StaffProviderGrants.Add(new StaffProviderGrant { UserId = user.Id, ProviderCode = code });
            db.AuditEvents.Add(AuditTrail.CommandLine(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.ProviderGrant,
                $"{code}{(parse.GetValue(withdraw) ? " withdrawn" : "")}"));
            await db.SaveChangesAsync(cancel);
            console.Out.WriteLine(parse.GetValue(withdraw) ? $"{code} withdrawn." : $"{code} granted.");
            return ExitCodes.Done;
        });
        return command;
    }
}
