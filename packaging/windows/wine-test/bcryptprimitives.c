/*
 * TEST AID FOR WINE ONLY - never shipped, never part of the installer.
 *
 * Rust's standard library (1.78 and later) takes its random numbers from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10 and 11 has. Debian's Wine 8.0 has no such DLL,
 * so any Rust exe stops at load with c0000135 before main. This stand-in exports ProcessPrng
 * and answers it with RtlGenRandom (advapi32's SystemFunction036), which Wine does have. The
 * smoke test copies it into the throw-away Wine prefix's system32, nowhere else.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll bcryptprimitives.c
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG: hand larger requests over in pieces. */
    while (length > 0) {
        ULONG piece = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, piece))
            return FALSE;
        data += piece;
        length -= piece;
    }
    return TRUE;
}
