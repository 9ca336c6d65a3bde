/*
 * A stand-in for Windows' bcryptprimitives.dll, for running frontdesk.exe
 * under Debian's wine 8 in tests only: that wine has no such DLL, and
 * every Go program since Go 1.22 calls its ProcessPrng at start for
 * random bytes ("fatal error: bcryptprimitives.dll not found"). This
 * ProcessPrng takes them from advapi32's SystemFunction036 (RtlGenRandom),
 * which wine has. Never shipped: scripts/wine-check.sh builds it with
 * MinGW into a throwaway wine prefix.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
