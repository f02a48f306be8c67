"""Reports (报表): monthly demand ratio, wage prices and service figures."""
