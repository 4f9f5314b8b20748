using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Commissioning;
using Pathway.Data;
using Pathway.Infrastructure;
using Pathway.Indicators;

namespace Pathway.Web;

public sealed record HomeCard(string Title, string Text, string? Href = null);

/// <summary>Each role's starting point. The areas behind these cards arrive with their own issues.</summary>
public class HomeModel(PathwayDb db, UserManager<StaffUser> users, RecordAccess access) : PageModel
{
    public string Heading { get; private set; } = "";
    public string Lede { get; private set; } = "";
    public string RoleNames { get; private set; } = "";
    public List<HomeCard> Cards { get; } = [];
    /// <summary>A key worker's unseen concerns from peer mentors, shown until marked seen on /caseload.</summary>
    public List<PeerMentors.ConcernAlert> Concerns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        var roles = Roles.All.Where(User.IsInRole).ToList();
        RoleNames = string.Join(", ", roles.Select(Roles.Describe));
        var role = roles.FirstOrDefault() ?? "";
        var today = HttpContext.Today();

        switch (role)
        {
            case Roles.RecoveryWorker:
                var mine = await db.Episodes.AsNoTracking()
                    .CountAsync(e => e.KeyWorkerId == user.Id && e.DischargeDate == null, cancel);
                Heading = "My caseload";
                Concerns = await PeerMentors.PeerConcerns.OpenForAsync(db, await access.EpisodesAsync(cancel), user.Id, cancel);
                if (Concerns.Count > 0) await access.ListedAsync("peer-concerns", Concerns.Count, cancel);
                Lede = $"You are key worker for {mine} open {(mine == 1 ? "episode" : "episodes")}.";
                Cards.Add(new("Referrals waiting", "New referrals from every source, oldest first.", "/referrals"));
                Cards.Add(new("My caseload", "Clients in treatment with you: last contact, next appointment, risks.", "/caseload"));
                Cards.Add(new("Reviews due", "Outcome reviews overdue (none in six months) or due within 30 days.", "/caseload?due=true"));
                Cards.Add(new("Did not attend", "Follow-ups for missed appointments.", "/did-not-attend"));
                break;
            case Roles.TeamManager:
                // The same figures /team breaks down, so the two pages always agree.
                var team = await Teams.TeamCaseloads.OfAsync(db, await Casework.Caseworker.CurrentAsync(db, User, cancel), today, cancel);
                Heading = "Team overview";
                Lede = $"{team.Open} open {(team.Open == 1 ? "episode" : "episodes")} at your service: {team.InTreatment} in treatment and "
                    + $"{team.Waiting} waiting for triage; {team.WithoutKeyWorker.Open} without a key worker.";
                Cards.Add(new("Caseloads", "Caseload per worker and unallocated referrals.", "/team"));
                Cards.Add(new("Referrals waiting", "New referrals from every source, oldest first.", "/referrals"));
                Cards.Add(new("Staff", "Employed and agency staff, headcount over time.", "/team/staff"));
                Cards.Add(new("Performance", "The service's indicators against contract targets.", "/performance"));
                break;
            case Roles.PeerMentor:
                Heading = "My mentees";
                Lede = "The people you mentor: first names, appointments and goals.";
                Cards.Add(new("Appointments", "Your mentees' coming appointments.", "/mentees"));
                Cards.Add(new("Goals", "Recovery goals you are supporting.", "/mentees"));
                break;
            case Roles.DataOfficer:
                var sources = await db.ClientRecords.AsNoTracking().Select(c => c.Source).Distinct().CountAsync(cancel);
                Heading = "Records in and out";
                Lede = $"Records from {sources} source {(sources == 1 ? "system" : "systems")} are held.";
                Cards.Add(new("Load a bundle", "Upload an exchange-format bundle and check it before it is saved."));
                Cards.Add(new("Export", "Download one bundle per source."));
                Cards.Add(new("Provider transition", "Check that no client was lost when a contract moved."));
                break;
            case Roles.Commissioner:
                // The headline is the dashboard's own figure for the dashboard's default selection: their council, the last full quarter.
                var selection = await PerformanceSelection.ResolveAsync(Request, user, db, cancel);
                var headlines = await KeptFigures.ComputeAsync(db, selection.Query, KeptKind.Headlines, cancel);
                Heading = "Performance";
                Lede = $"{await AreaNames.DescribeAsync(db, selection.Query, cancel)}, {selection.Period.Label}: "
                    + PlainEnglish.Sentence(headlines["in_treatment.total"]);
                Cards.Add(new("Indicators", "Completions, waiting times and outcomes, quarter by quarter.", "/performance"));
                Cards.Add(new("Contract targets", "Each figure against its target.", "/performance#contract-review"));
                Cards.Add(new("Scrutiny report", "A printable page for committee.", "/performance/scrutiny"));
                break;
            case Roles.Administrator:
                var staff = await db.Users.AsNoTracking().CountAsync(cancel);
                Heading = "Users and access";
                Lede = $"{staff} staff accounts.";
                Cards.Add(new("Users", "Create accounts, set roles, end sessions."));
                Cards.Add(new("Audit", "Who looked at which record, and when."));
                break;
            case Roles.Prescriber:
                Heading = "Prescribing";
                Lede = "Start, titrate and end prescriptions from each client's case page; missed-dose stops are listed on your caseload.";
                Cards.Add(new("My caseload", "Clients in treatment, with missed-dose stops waiting for your review.", "/caseload"));
                Cards.Add(new("Find a client", "Search the service's clients to open their case.", "/clients/find"));
                break;
            case Roles.Pharmacist:
                Heading = "Dose list";
                Lede = "Today's and the coming week's doses for your pharmacy's clients.";
                Cards.Add(new("Dose list", "Record each dose as collected or missed.", "/pharmacy"));
                break;
            default:
                Heading = "Welcome to Pathway";
                Lede = "Your account has no role yet. Ask an administrator to give you one.";
                break;
        }
    }
}
