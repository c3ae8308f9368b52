//go:build !windows

package safefile

import "syscall"

// systemErrnos are the system's own error codes beyond errnos: none
// outside Windows.
var systemErrnos = map[syscall.Errno]string{}
