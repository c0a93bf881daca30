using System.Runtime.InteropServices;

namespace Ogi.Platform;

internal static partial class Signals
{
    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    public static void Terminate(int pid) => _ = Kill(pid, SigTerm);
}
