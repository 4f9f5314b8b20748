using Bogus;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Prescribing;

namespace Pathway.Demo;

/// <summary>
/// The pharmacies' last week: each dose of the open daily prescriptions recorded as collected or (now and then) missed, up
/// to yesterday; two clients stopped by three misses in a row, one of them the demo worker's. One of the demo worker's
/// opiate clients waits for a first prescription, so a prescriber has someone to start.
/// </summary>
internal static class DemoDispensing
{
    private const int Days = 6;

    public static async Task AddAsync(PathwayDb db, Faker faker, DateOnly today, CancellationToken cancel)
    {
        var random = faker.Random;
        var workerEmail = DemoArea.SignIns.First(s => s.Role == Roles.RecoveryWorker).Email;
        var pharmacistEmail = DemoArea.SignIns.First(s => s.Role == Roles.Pharmacist).Email;
        var worker = await db.Users.Where(u => u.Email == workerEmail).Select(u => u.Id).SingleAsync(cancel);
        var pharmacist = await db.Users.Where(u => u.Email == pharmacistEmail).Select(u => new { u.Id, u.DisplayName }).SingleAsync(cancel);

        // The substance group is worked out from the three substances, so the (few) candidates are read and sorted here.
        var waiting = (await db.Episodes.Where(e => e.KeyWorkerId == worker && e.DischargeDate == null && e.TriageDate != null
                && e.ReferralDate <= today.AddDays(-28)).OrderBy(e => e.EpisodeRef).ToListAsync(cancel))
            .Where(e => e.SubstanceGroup == SubstanceGroup.Opiate).Select(e => e.Id).FirstOrDefault();
        db.ChangeTracker.Clear();
        if (waiting != 0) await db.Prescriptions.Where(p => p.EpisodeId == waiting).ExecuteDeleteAsync(cancel);

        var from = today.AddDays(-Days);
        var prescriptions = await db.Prescriptions.Where(p => p.PharmacyOdsCode != null && p.DoseIntervalDays == 1 && p.StartDate <= today.AddDays(-1)
                && (p.EndDate == null || p.EndDate >= from) && p.Episode.DischargeDate == null)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.EpisodeId, p.StartDate, p.EndDate, p.InstalmentDaysPerWeek, p.SupervisedDaysPerWeek, p.Episode.KeyWorkerId })
            .ToListAsync(cancel);
        // Stops: the first of the worker's clients on a prescription, and one other.
        var stops = prescriptions.Where(p => p.KeyWorkerId == worker).Select(p => p.EpisodeId).Take(1)
            .Concat(prescriptions.Where(p => p.KeyWorkerId != worker).Select(p => p.EpisodeId).Take(1)).ToHashSet();
        var recordedAt = new DateTimeOffset(today.AddDays(-1).ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero);
        foreach (var p in prescriptions)
        {
            var days = new List<DateOnly>();
            for (var day = from; day < today; day = day.AddDays(1))
                if (day >= p.StartDate && (p.EndDate is null || day <= p.EndDate) && DispensingRules.On(day, p.InstalmentDaysPerWeek, p.SupervisedDaysPerWeek) is not null)
                    days.Add(day);
            for (var i = 0; i < days.Count; i++)
            {
                var missed = stops.Contains(p.EpisodeId) ? i >= days.Count - DispensingRules.MissesToStop : random.Bool(0.05f);
                db.DoseRecords.Add(new DoseRecord
                {
                    PrescriptionId = p.Id, Date = days[i], Outcome = missed ? DoseOutcome.Missed : DoseOutcome.Collected,
                    RecordedById = pharmacist.Id, RecordedByName = pharmacist.DisplayName, RecordedAt = recordedAt,
                });
            }
        }
        await db.SaveChangesAsync(cancel);
    }
}
