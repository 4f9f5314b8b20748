using Bogus;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Groups;
using Pathway.PeerMentors;

namespace Pathway.Demo;

/// <summary>
/// Group sessions with their registers, and a peer mentor's contacts and one open concern, so the worker, the manager and
/// the mentor each find something on /groups, /mentees and the caseload. The incoming provider only: the outgoing one's
/// staff see the pages empty. Registers keep the rules of Groups/: a mark is one group contact on an episode in treatment
/// on the session's day, and a session still to come has no marks.
/// </summary>
internal static class DemoGroups
{
    private static readonly (GroupType Type, string Title, int DaysAgo, int Hour, string Facilitator)[] Sessions =
    [
        (GroupType.MutualAidMeeting, "SMART Recovery meeting", 15, 18, "Alex Morgan"),
        (GroupType.PsychosocialGroup, "Relapse prevention group", 8, 10, "Alex Morgan"),
        (GroupType.PsychosocialGroup, "Women's group", 3, 14, "Sam Okafor"),
        (GroupType.PsychosocialGroup, "Gardening group", -4, 11, "Alex Morgan"),
    ];

    private static readonly string[] ContactNotes =
    [
        "Met for a coffee before the group; talked about the week.", "Phoned to remind them about the mutual-aid meeting.",
        "Went with them to the GP appointment.", "Messaged to check in after a difficult weekend.",
    ];

    public const string Concern = "Said they had been drinking again at weekends and missed Tuesday's group. Would like a call from their key worker.";

    public static async Task AddAsync(PathwayDb db, Faker faker, DateOnly today, CancellationToken cancel)
    {
        var random = faker.Random;
        var provider = DemoArea.Incoming.Code;
        var open = await db.Episodes.Where(e => e.ProviderCode == provider && e.DischargeDate == null && e.TriageDate != null)
            .OrderBy(e => e.EpisodeRef).Select(e => new { e.Id, e.ReferralDate, Triage = e.TriageDate!.Value, e.KeyWorkerId }).ToListAsync(cancel);

        foreach (var (type, title, daysAgo, hour, facilitator) in Sessions)
        {
            var session = new GroupSession
            {
                ProviderCode = provider, Type = type, Title = title, Date = today.AddDays(-daysAgo), Time = new TimeOnly(hour, 0), Facilitator = facilitator,
            };
            db.GroupSessions.Add(session);
            if (session.Date > today) continue;
            // Clients in treatment on the day, as the register offers them; each mark is the contact it stands for.
            var eligible = open.Where(e => e.Triage <= session.Date && ContactRules.Date(session.Date, e.ReferralDate) is null).ToList();
            foreach (var e in random.ArrayElements(eligible.ToArray(), Math.Min(eligible.Count, random.Int(4, 7))))
            {
                var attended = random.Bool(0.8f);
                var contact = new Contact { EpisodeId = e.Id, Date = session.Date, Channel = ContactChannel.FaceToFace, Kind = ContactKind.Group, Attended = attended };
                db.Contacts.Add(contact);
                session.Register.Add(new GroupAttendance { EpisodeId = e.Id, Contact = contact, Attended = attended });
            }
        }

        var mentorSignIn = DemoArea.SignIns.First(s => s.Role == Roles.PeerMentor);
        var workerEmail = DemoArea.SignIns.First(s => s.Role == Roles.RecoveryWorker).Email;
        var mentor = await db.Users.Where(u => u.Email == mentorSignIn.Email).Select(u => u.Id).SingleAsync(cancel);
        var worker = await db.Users.Where(u => u.Email == workerEmail).Select(u => u.Id).SingleAsync(cancel);
        var mentorings = (await db.PeerMentorings.Where(m => m.MentorId == mentor && m.Until == null).Select(m => new { m.EpisodeId, m.From }).ToListAsync(cancel))
            .Select(m => (m.EpisodeId, m.From)).ToList();
        // The worker's key cases include one the mentor supports, so the concern below reaches a demo sign-in.
        var workersCase = open.Where(e => e.KeyWorkerId == worker).Select(e => new { e.Id, From = e.Triage }).FirstOrDefault();
        if (workersCase is not null && mentorings.All(m => m.EpisodeId != workersCase.Id))
        {
            db.PeerMentorings.Add(new PeerMentoring { EpisodeId = workersCase.Id, MentorId = mentor, From = workersCase.From });
            mentorings.Add((workersCase.Id, workersCase.From));
        }
        foreach (var m in mentorings)
            for (var i = random.Int(1, 2); i > 0; i--)
            {
                var day = today.AddDays(-random.Int(1, 28));
                if (day < m.From) day = m.From;
                db.PeerSupportContacts.Add(new PeerSupportContact
                {
                    EpisodeId = m.EpisodeId, Date = day, Type = random.Enum<PeerSupportType>(), Minutes = random.ArrayElement([15, 20, 30, 45, 60]),
                    Note = random.ArrayElement(ContactNotes), MentorId = mentor, MentorName = mentorSignIn.Name, RecordedAt = At(day, 17),
                });
            }
        if (workersCase is not null)
            db.PeerConcerns.Add(new PeerConcern
            {
                EpisodeId = workersCase.Id, Reason = Concern, RaisedById = mentor, RaisedByName = mentorSignIn.Name, RaisedAt = At(today.AddDays(-1), 16),
            });
        await db.SaveChangesAsync(cancel);
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
}
