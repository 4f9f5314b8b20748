using Bogus;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Appointments;
using Pathway.Assessments;
using Pathway.CarePlans;
using Pathway.Carers;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.PeerMentors;

namespace Pathway.Demo;

/// <summary>Case work on top of the demo journeys: goals, booked appointments, risk flags, carers and a peer mentor's mentees.</summary>
internal static class DemoCasework
{
    private static readonly string[] Goals =
    [
        "Stop using on weekdays", "Get back in touch with my daughter", "Find a volunteering placement", "Reduce to 14 units a week",
        "Register with a GP", "Keep my tenancy", "Go to a mutual aid meeting every week", "Sleep through the night",
    ];

    public static async Task AddAsync(PathwayDb db, Faker faker, DateOnly today, CancellationToken cancel)
    {
        var random = faker.Random;
        var mentorEmail = DemoArea.SignIns.First(s => s.Role == Roles.PeerMentor).Email;
        var mentor = await db.Users.Where(u => u.Email == mentorEmail).Select(u => u.Id).SingleAsync(cancel);
        var open = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null && e.TriageDate != null)
            .OrderBy(e => e.EpisodeRef).Select(e => new { e.Id, e.ClientRecordId, Triage = e.TriageDate!.Value }).ToListAsync(cancel);
        var n = 0;
        foreach (var e in open)
        {
            n++;
            foreach (var goal in random.ArrayElements(Goals, random.Int(1, 3)))
                db.RecoveryGoals.Add(new RecoveryGoal { EpisodeId = e.Id, Description = goal, SetOn = e.Triage, Status = random.Enum<GoalStatus>() });
            if (random.Bool(0.6f))
                db.Appointments.Add(new Appointment
                {
                    EpisodeId = e.Id, Date = today.AddDays(random.Int(1, 21)), Time = new TimeOnly(random.Int(9, 16), random.Bool() ? 0 : 30),
                    Channel = random.WeightedRandom([ContactChannel.FaceToFace, ContactChannel.Phone, ContactChannel.Video, ContactChannel.Online], [0.6f, 0.2f, 0.1f, 0.1f]),
                    Kind = ContactKind.Keywork,
                });
            db.RiskAssessments.Add(new RiskAssessment
            {
                EpisodeId = e.Id, Date = e.Triage, Housing = random.WeightedRandom([HousingSituation.Settled, HousingSituation.Unsettled, HousingSituation.NoFixedAbode], [0.75f, 0.18f, 0.07f]),
                Employment = random.Enum<EmploymentSituation>(), OverdoseRisk = random.Bool(0.15f), SelfHarmRisk = random.Bool(0.1f),
                SafeguardingConcern = random.Bool(0.1f), DomesticAbuse = random.Bool(0.05f),
            });
            if (random.Bool(0.2f))
            {
                var carer = new Carer { ClientRecordId = e.ClientRecordId, Name = faker.Name.FullName(), Relationship = random.ArrayElement(["Mother", "Partner", "Brother", "Friend", "Son"]) };
                carer.Support.Add(new CarerSupport { Date = today.AddDays(-random.Int(1, 60)), Channel = ContactChannel.FaceToFace, CarersGroup = random.Bool() });
                db.Carers.Add(carer);
            }
            if (n % 25 == 0) db.PeerMentorings.Add(new PeerMentoring { EpisodeId = e.Id, MentorId = mentor, From = e.Triage });
        }
        await db.SaveChangesAsync(cancel);
    }
}
