package safefile

import (
	"syscall"

	"golang.org/x/sys/windows"
)

// systemErrnos are Windows' own codes for what errnos describes, and the
// file another program holds open (a PDF shown in a reader).
var systemErrnos = map[syscall.Errno]string{
	windows.ERROR_DISK_FULL:         "disque plein",
	windows.ERROR_HANDLE_DISK_FULL:  "disque plein",
	windows.ERROR_WRITE_PROTECT:     "disque en lecture seule",
	windows.ERROR_SHARING_VIOLATION: "fichier ouvert dans un autre programme",
	windows.ERROR_LOCK_VIOLATION:    "fichier verrouillé par un autre programme",
}
