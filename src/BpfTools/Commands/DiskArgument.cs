using System.Management.Automation;
using BpfTools.Errors;
using BpfTools.Locator;

namespace BpfTools.Commands;

/// <summary>Checks a -Disk name before a block tool runs: a tool given a wrong name traces nothing, silently.</summary>
internal static class DiskArgument
{
    /// <summary>The kernel dev_t of <paramref name="disk"/> (null for none); a terminating error of <paramref name="cmdlet"/> when it cannot be traced.</summary>
    public static long? DevTOrStop(PSCmdlet cmdlet, string? disk)
    {
        if (disk is null)
        {
            return null;
        }
        if (Check(disk, out var devT) is { } problem)
        {
            cmdlet.ThrowTerminatingError(problem.ToErrorRecord(disk));
        }
        return devT;
    }

    /// <summary>Why <paramref name="disk"/> cannot be traced, or null with its kernel dev_t.</summary>
    public static Problem? Check(string disk, out long devT)
    {
        if (!BlockDevices.TryFind(disk, out devT, out var wholeDisk))
        {
            return new Problem(BpfErrorId.DiskNotFound, ErrorCategory.ObjectNotFound,
                $"There is no block device named '{disk}' on this host.",
                "Give a disk's kernel name without /dev/ (lsblk lists them): " + string.Join(", ", DiskNameCompleter.Disks()));
        }
        return wholeDisk is null ? null : new Problem(BpfErrorId.DiskIsPartition, ErrorCategory.InvalidArgument,
            $"'{disk}' is a partition of {wholeDisk}: block requests are traced per whole disk.",
            $"Use -Disk {wholeDisk}, and filter on Sector for the partition's range.");
    }
}
