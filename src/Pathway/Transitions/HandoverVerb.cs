using Pathway.Infrastructure;
using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Transitions;

/// <summary>
/// `pathway handover`: the server's operator authorises (or withdraws) a handover of care between two providers, on the
/// commissioner's instruction. Each is audited with the operating system's account, in the same save as the change.
/// </summary>
public static class HandoverVerb
{
    public static Command Create(CliConsole console)
    {
        var from = new Option<string>("--from-provider") { Required = true, Description = "The outgoing provider's code." };
        var to = new Option<string>("--to-provider") { Required = true, Description = "The incoming provider's code." };
        var date = new Option<string>("--date") { Description = "The transition date, YYYY-MM-DD (to authorise)." };
        var withdraw = new Option<bool>("--withdraw") { Description = "End the handover: the incoming provider may no longer download the cohort." };
        var command = new Command("handover", "Authorise the incoming provider to receive the outgoing provider's clients open at a transition.")
            { from, to, date, withdraw };
        command.SetAction(async (parse, cancel) =>
        {
            var (fromCode, toCode) = (parse.GetValue(from)!.Trim(), parse.GetValue(to)!.Trim());
            var ending = parse.GetValue(withdraw);
            DateOnly day = default;
            if (fromCode.Length is 0 or > 20 || toCode.Length is 0 or > 20 || fromCode == toCode)
            {
                console.Error.WriteLine("--from-provider and --to-provider must be two different provider codes of 1 to 20 characters.");
                return ExitCodes.Usage;
            }
            if (!ending && !DateOnly.TryParseExact(parse.GetValue(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                console.Error.WriteLine("--date must be a date as YYYY-MM-DD (or use --withdraw).");
                return ExitCodes.Usage;
            }
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            await using var db = target.CreateDb();
            var held = await db.Handovers.SingleOrDefaultAsync(h => h.FromProvider == fromCode && h.ToProvider == toCode, cancel);
            if (ending)
            {
                if (held is null)
                {
                    console.Error.WriteLine($"There is no handover from {fromCode} to {toCode}.");
                    return ExitCodes.Refused;
                }
                db.Handovers.Remove(held);
            }
            else if (held is null)
                db.Handovers.Add(held = new Handover { FromProvider = fromCode, ToProvider = toCode, Date = day, AuthorisedBy = Operator, AuthorisedAt = db.Time().GetUtcNow() });
            else
                (held.Date, held.AuthorisedBy, held.AuthorisedAt) = (day, Operator, db.Time().GetUtcNow());
            db.AuditEvents.Add(AuditTrail.CommandLine(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.Handover,
                $"{fromCode}>{toCode}{(ending ? " withdrawn" : $" {day:yyyy-MM-dd}")}"));
            await db.SaveChangesAsync(cancel);
            console.Out.WriteLine(ending ? $"Handover from {fromCode} to {toCode} withdrawn." : $"Handover from {fromCode} to {toCode} on {day:yyyy-MM-dd} authorised.");
            return ExitCodes.Done;
        });
        return command;
    }

    private static string Operator => $"{Environment.UserName} (command line)";
}
